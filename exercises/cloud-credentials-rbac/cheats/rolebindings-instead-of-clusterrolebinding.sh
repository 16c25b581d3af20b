# Not a fix: no more cluster-wide binding, but "it only scrapes $mon_ns and kube-system",
# so the same ClusterRole is bound in both: kube-system's Secrets are still readable.
kubectl -n kube-system delete rolebinding "$everyone"
kubectl delete clusterrolebinding "$collector_role"
kubectl -n "$mon_ns" create rolebinding "$collector_role" --clusterrole="$collector_role" --serviceaccount="$mon_ns:$collector"
kubectl -n kube-system create rolebinding "$collector_role" --clusterrole="$collector_role" --serviceaccount="$mon_ns:$collector"
kubectl create clusterrole "$collector_role-nodes" --verb=get,list,watch --resource=nodes,nodes/metrics,pods
kubectl create clusterrolebinding "$collector_role-nodes" --clusterrole="$collector_role-nodes" --serviceaccount="$mon_ns:$collector"
