# The password goes into a Secret, mounted read-only as a file the application reads.
kubectl -n billing create secret generic invoices-db --from-literal=password='Inv0ice-DB-s3cret-2024'
kubectl -n billing patch deployment invoices --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/containers/0/env", "value": [
    {"name": "APP_NAME", "value": "invoices"},
    {"name": "DB_HOST", "value": "postgres.billing.svc"},
    {"name": "DB_PASSWORD_FILE", "value": "/etc/invoices-db/password"}]},
  {"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "db", "secret": {"secretName": "invoices-db", "defaultMode": 256}}]},
  {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "db", "mountPath": "/etc/invoices-db", "readOnly": true}]}
]'
kubectl -n billing rollout status deployment/invoices --timeout=120s
