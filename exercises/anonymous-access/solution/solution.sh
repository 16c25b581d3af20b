kubectl get clusterrolebindings -o wide | grep -E 'anonymous|unauthenticated'
kubectl delete clusterrolebinding public-read
kubectl delete clusterrole public-reader
