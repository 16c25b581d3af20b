kubectl get clusterrolebindings -o wide | grep -E 'anonymous|unauthenticated'
kubectl delete clusterrolebinding "$binding"
kubectl delete clusterrole "$role"
