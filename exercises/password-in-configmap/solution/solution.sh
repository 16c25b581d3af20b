# Who can read what: the developers' "view" role reads ConfigMaps, never Secrets.
kubectl -n inventory get rolebindings -o wide
kubectl -n inventory get configmap stock-config -o yaml
# 1. The password goes into a Secret.
kubectl -n inventory create secret generic stock-db --from-literal=DB_PASSWORD='Stock-DB-pw-7781'
# 2. The Deployment takes DB_PASSWORD from that Secret (env wins over envFrom).
kubectl -n inventory set env deployment/stock --from=secret/stock-db
# 3. And the ConfigMap forgets it.
kubectl -n inventory patch configmap stock-config --type=json -p='[{"op": "remove", "path": "/data/DB_PASSWORD"}]'
kubectl -n inventory rollout status deployment/stock --timeout=120s
kubectl auth can-i get secrets -n inventory --as=dana --as-group=inventory-developers || true
