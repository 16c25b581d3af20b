# Not a fix: a Secret that does not exist is not stored in clear, but the $app service needs it.
kubectl -n "$ns" delete secret "$secret"
