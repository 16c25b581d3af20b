# Not a fix: no account, no leaked key to abuse, but no deploys either.
kubectl -n "$ns" delete serviceaccount "$sa"
kubectl -n "$ns" delete rolebinding "$role"
kubectl -n "$ns" delete role "$role"
