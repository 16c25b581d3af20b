# Not a fix: out of the ConfigMap, straight into the Deployment, which the developers may
# view just as well (kubectl get deploy stock -o yaml).
kubectl -n inventory patch configmap stock-config --type=json -p='[{"op": "remove", "path": "/data/DB_PASSWORD"}]'
kubectl -n inventory set env deployment/stock DB_PASSWORD='Stock-DB-pw-7781'
kubectl -n inventory rollout status deployment/stock --timeout=120s
