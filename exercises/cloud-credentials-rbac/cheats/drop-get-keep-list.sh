# Not a fix: "get" is gone, so kubectl auth can-i get says no, but list and watch return
# every Secret with its data, the cloud keys included.
kubectl -n kube-system delete rolebinding cloud-credentials-controllers
kubectl patch clusterrole metrics-collector --type=json -p '[{"op":"replace","path":"/rules/1/verbs","value":["list","watch"]}]'
