# Which namespaces enforce Pod Security? (none: no pod-security.kubernetes.io labels)
kubectl get ns --show-labels
# The storefront runs unprivileged already: the restricted profile.
kubectl label namespace "$shop" pod-security.kubernetes.io/enforce=restricted pod-security.kubernetes.io/enforce-version=latest --overwrite
# The reports generator still runs as root, which restricted refuses: baseline is the most it
# can take today (it still refuses privileged, host namespaces and hostPath). Warn about the rest.
kubectl label namespace "$reports" pod-security.kubernetes.io/enforce=baseline pod-security.kubernetes.io/enforce-version=latest pod-security.kubernetes.io/warn=restricted --overwrite
# Both applications still deploy: a new rollout is admitted.
kubectl -n "$shop" rollout restart deployment "$web"
kubectl -n "$reports" rollout restart deployment "$generator"
kubectl -n "$shop" rollout status deployment "$web" --timeout=60s
kubectl -n "$reports" rollout status deployment "$generator" --timeout=60s
