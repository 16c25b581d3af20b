# Not a fix: out of the environment, into a file - but from a ConfigMap, which is not meant
# for secrets (readable by anyone who may read configuration, never encrypted at rest).
kubectl -n billing create configmap invoices-db --from-literal=password='Inv0ice-DB-s3cret-2024'
kubectl -n billing patch deployment invoices --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/containers/0/env/2", "value": {"name": "DB_PASSWORD_FILE", "value": "/etc/invoices-db/password"}},
  {"op": "add", "path": "/spec/template/spec/volumes", "value": [{"name": "db", "configMap": {"name": "invoices-db"}}]},
  {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts", "value": [{"name": "db", "mountPath": "/etc/invoices-db"}]}
]'
kubectl -n billing rollout status deployment/invoices --timeout=120s
