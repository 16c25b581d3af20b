# Not a fix: $user can approve nothing at all, and the mesh's requests pile up.
kubectl delete clusterrolebinding "$binding"
