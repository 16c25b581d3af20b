# Not a fix: no stock service, no password to leak - and no stock service.
kubectl -n inventory patch configmap stock-config --type=json -p='[{"op": "remove", "path": "/data/DB_PASSWORD"}]'
kubectl -n inventory delete deployment stock
