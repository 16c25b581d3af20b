# Not a fix: Pod Security only warns and audits; the privileged pod is still admitted.
kubectl label namespace "$shop" pod-security.kubernetes.io/warn=restricted pod-security.kubernetes.io/audit=restricted --overwrite
kubectl label namespace "$reports" pod-security.kubernetes.io/warn=baseline pod-security.kubernetes.io/audit=baseline --overwrite
