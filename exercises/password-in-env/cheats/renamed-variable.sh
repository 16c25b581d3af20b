# Not a fix: the variable is renamed so a grep for DB_PASSWORD misses it; the application
# no longer finds its password, and the value is still in the environment.
kubectl -n billing patch deployment invoices --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/containers/0/env/2", "value": {"name": "DATABASE_PASS", "value": "Inv0ice-DB-s3cret-2024"}}
]'
kubectl -n billing rollout status deployment/invoices --timeout=120s
