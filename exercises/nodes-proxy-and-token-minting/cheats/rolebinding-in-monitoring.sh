# Not a fix: a RoleBinding in monitoring cannot grant cluster-scoped nodes at all, nor pods in
# other namespaces: the agent goes blind (and still mints tokens in its own namespace).
kubectl delete clusterrolebinding metrics-agent
kubectl -n monitoring create rolebinding metrics-agent --clusterrole=metrics-agent --serviceaccount=monitoring:metrics-agent
