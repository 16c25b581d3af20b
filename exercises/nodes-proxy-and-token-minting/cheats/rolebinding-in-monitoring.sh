# Not a fix: a RoleBinding in $ns cannot grant cluster-scoped nodes at all, nor pods in
# other namespaces: the agent goes blind (and still mints tokens in its own namespace).
kubectl delete clusterrolebinding "$binding"
kubectl -n "$ns" create rolebinding "$binding" --clusterrole="$role" --serviceaccount="$ns:$agent"
