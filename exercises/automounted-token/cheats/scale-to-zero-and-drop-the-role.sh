# Not a fix: no pod carries a token if no pod runs; no Role, no ConfigMap either.
kubectl -n "$ns" delete role "$role"
kubectl -n "$ns" scale deployment "$app" --replicas=0
kubectl -n "$ns" wait --for=delete pod -l app="$app" --timeout=60s
