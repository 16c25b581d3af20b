# Not a fix: no stock service, no password to leak - and no stock service.
kubectl -n "$ns" patch configmap "$app-config" --type=json -p='[{"op": "remove", "path": "/data/DB_PASSWORD"}]'
kubectl -n "$ns" delete deployment "$app"
