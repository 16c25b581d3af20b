# Not a fix: no collector, no stolen collector token... until $mon_ns is recreated: the
# ClusterRoleBinding still names the account, and every other service account still reads
# the keys.
kubectl delete namespace "$mon_ns" --wait=false
