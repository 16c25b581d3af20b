# Not a fix: no more cluster-wide binding, but "it only scrapes monitoring and kube-system",
# so the same ClusterRole is bound in both: kube-system's Secrets are still readable.
kubectl -n kube-system delete rolebinding cloud-credentials-controllers
kubectl delete clusterrolebinding metrics-collector
kubectl -n monitoring create rolebinding metrics-collector --clusterrole=metrics-collector --serviceaccount=monitoring:collector
kubectl -n kube-system create rolebinding metrics-collector --clusterrole=metrics-collector --serviceaccount=monitoring:collector
kubectl create clusterrole metrics-collector-nodes --verb=get,list,watch --resource=nodes,nodes/metrics,pods
kubectl create clusterrolebinding metrics-collector-nodes --clusterrole=metrics-collector-nodes --serviceaccount=monitoring:collector
