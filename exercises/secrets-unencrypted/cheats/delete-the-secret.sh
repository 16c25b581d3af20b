# Not a fix: a Secret that does not exist is not stored in clear, but the ledger needs it.
kubectl -n bank delete secret db-credentials
