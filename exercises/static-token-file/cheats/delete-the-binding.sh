# Not a fix: ops-admin is in the group system:masters, which no binding grants and no
# RBAC rule can take away: without its cluster-admin binding it is still cluster-admin.
kubectl get clusterrolebindings -o wide | grep ops-admin
kubectl delete clusterrolebinding "$binding"
