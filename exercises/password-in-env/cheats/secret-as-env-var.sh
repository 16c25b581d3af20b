# Not a fix: the value now comes from a Secret, but it still lands in the environment.
kubectl -n billing create secret generic invoices-db --from-literal=password='Inv0ice-DB-s3cret-2024'
kubectl -n billing patch deployment invoices --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/containers/0/env/2", "value":
    {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "invoices-db", "key": "password"}}}}
]'
kubectl -n billing rollout status deployment/invoices --timeout=120s
