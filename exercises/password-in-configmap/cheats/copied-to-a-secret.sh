# Not a fix: the Secret exists and the Deployment uses it, but the ConfigMap still holds the
# password, readable by every developer.
kubectl -n inventory create secret generic stock-db --from-literal=DB_PASSWORD='Stock-DB-pw-7781'
kubectl -n inventory set env deployment/stock --from=secret/stock-db
kubectl -n inventory rollout status deployment/stock --timeout=120s
