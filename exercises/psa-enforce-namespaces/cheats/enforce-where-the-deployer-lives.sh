# Not a fix: enforcement on the CI namespace (where the deployer's service account lives)
# and on default; Pod Security applies to the namespace the pod is created in.
kubectl label namespace "$ci" pod-security.kubernetes.io/enforce=restricted --overwrite
kubectl label namespace default pod-security.kubernetes.io/enforce=restricted --overwrite
