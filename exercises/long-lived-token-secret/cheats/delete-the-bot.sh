# Not a fix: deleting the service account kills every token it ever had, but also the CI:
# nothing deploys $shop any more.
kubectl -n "$ci" delete serviceaccount "$deployer"
kubectl -n "$ci" delete secret "$deployer-token" --ignore-not-found
