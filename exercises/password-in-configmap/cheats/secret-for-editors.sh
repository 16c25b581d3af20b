# Not a fix: the password moves to a Secret, but the developers "could not debug any more",
# so they get the edit role, which reads every Secret of the namespace.
kubectl -n inventory create secret generic stock-db --from-literal=DB_PASSWORD='Stock-DB-pw-7781'
kubectl -n inventory set env deployment/stock --from=secret/stock-db
kubectl -n inventory patch configmap stock-config --type=json -p='[{"op": "remove", "path": "/data/DB_PASSWORD"}]'
kubectl -n inventory create rolebinding developers-edit --clusterrole=edit --group=inventory-developers
kubectl -n inventory rollout status deployment/stock --timeout=120s
