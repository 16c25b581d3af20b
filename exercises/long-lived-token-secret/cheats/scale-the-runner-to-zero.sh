# Not a fix: the runner is stopped, but the leaked token does not care.
kubectl -n "$ci" scale deployment "$runner" --replicas=0
