# The application already has a Role for exactly what it needs; the cluster-wide binding is the hole.
kubectl get clusterrolebindings -o wide | grep "$ns/default"
kubectl delete clusterrolebinding "$binding"
kubectl auth can-i list secrets -A --as="system:serviceaccount:$ns:default" || true
