# Not a fix: nothing leaks from a pod that does not run.
kubectl -n "$ns" scale deployment "$app" --replicas=0
kubectl -n "$ns" wait --for=delete pod -l app="$app" --timeout=60s
