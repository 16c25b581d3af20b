# Not a fix: no collector, no stolen collector token... until monitoring is recreated: the
# ClusterRoleBinding still names the account, and every other service account still reads
# the keys.
kubectl delete namespace monitoring --wait=false
