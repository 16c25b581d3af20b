# Not a fix: Dana can approve nothing at all, and the mesh's requests pile up.
kubectl delete clusterrolebinding csr-approver
