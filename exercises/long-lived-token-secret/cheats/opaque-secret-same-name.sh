# Not a fix: the legacy token Secret replaced by an Opaque Secret of the same name
# holding a dead token: the runner's pods start, but authenticate with nothing.
kubectl -n "$ci" delete secret "$deployer-token"
kubectl -n "$ci" create secret generic "$deployer-token" --from-literal=token=revoked-by-the-learner
