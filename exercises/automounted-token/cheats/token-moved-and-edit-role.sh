# Not a fix: automount is off, but a projected token is mounted somewhere less obvious, and
# the narrow Role is swapped for the built-in "edit" role (which reads Secrets too).
kubectl -n "$ns" delete rolebinding "$role"
kubectl -n "$ns" create rolebinding "$app-edit" --clusterrole=edit --serviceaccount="$ns:$sa"
kubectl -n "$ns" patch deployment "$app" --type=json -p='[
  {"op": "add", "path": "/spec/template/spec/automountServiceAccountToken", "value": false},
  {"op": "add", "path": "/spec/template/spec/volumes/-", "value": {"name": "creds", "projected": {"sources": [{"serviceAccountToken": {"path": "session", "expirationSeconds": 3600}}]}}},
  {"op": "add", "path": "/spec/template/spec/containers/0/volumeMounts/-", "value": {"name": "creds", "mountPath": "/opt/app/creds"}}
]'
kubectl -n "$ns" rollout status deployment/"$app" --timeout=120s
