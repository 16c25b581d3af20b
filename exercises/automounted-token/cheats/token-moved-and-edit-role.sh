# Not a fix: automount is off, but a projected token is mounted somewhere less obvious, and
# the narrow Role is swapped for the built-in "edit" role (which reads Secrets too).
kubectl -n shop delete rolebinding storefront
kubectl -n shop create rolebinding storefront-edit --clusterrole=edit --serviceaccount=shop:storefront
kubectl -n shop patch deployment storefront --type=json -p='[
  {"op": "add", "path": "/spec/template/spec/automountServiceAccountToken", "value": false},
  {"op": "add", "path": "/spec/template/spec/volumes/-", "value": {"name": "creds", "projected": {"sources": [{"serviceAccountToken": {"path": "session", "expirationSeconds": 3600}}]}}},
  {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts/-", "value": {"name": "creds", "mountPath": "/opt/app/creds"}}
]'
kubectl -n shop rollout status deployment/storefront --timeout=120s
