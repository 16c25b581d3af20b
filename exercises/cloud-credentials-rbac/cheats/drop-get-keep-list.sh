# Not a fix: "get" is gone, so kubectl auth can-i get says no, but list and watch return
# every Secret with its data, the cloud keys included.
kubectl -n kube-system delete rolebinding "$everyone"
kubectl patch clusterrole "$collector_role" --type=json -p '[{"op":"replace","path":"/rules/1/verbs","value":["list","watch"]}]'
