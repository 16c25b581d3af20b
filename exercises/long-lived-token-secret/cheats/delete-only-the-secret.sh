# Not a fix: the leaked token is revoked, but the runner still mounts the deleted Secret,
# so its next pod never starts (and the current one deploys with a dead token).
kubectl -n "$ci" delete secret "$deployer-token"
