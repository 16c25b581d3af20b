# The shop already has a Role for exactly what it needs; the cluster-wide binding is the hole.
kubectl get clusterrolebindings -o wide | grep shop
kubectl delete clusterrolebinding shop-default-admin
kubectl auth can-i list secrets -A --as=system:serviceaccount:shop:default || true
