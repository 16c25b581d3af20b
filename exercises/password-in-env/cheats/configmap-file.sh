# Not a fix: out of the environment, into a file - but from a ConfigMap, which is not meant
# for secrets (readable by anyone who may read configuration, never encrypted at rest).
kubectl -n "$ns" create configmap "$app-db" --from-literal=password="$password"
kubectl -n "$ns" patch deployment "$app" --type=json -p="[
  {\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/0/env/2\", \"value\": {\"name\": \"DB_PASSWORD_FILE\", \"value\": \"/etc/$app-db/password\"}},
  {\"op\": \"add\", \"path\": \"/spec/template/spec/volumes\", \"value\": [{\"name\": \"db\", \"configMap\": {\"name\": \"$app-db\"}}]},
  {\"op\": \"add\", \"path\": \"/spec/template/spec/containers/0/volumeMounts\", \"value\": [{\"name\": \"db\", \"mountPath\": \"/etc/$app-db\"}]}
]"
kubectl -n "$ns" rollout status deployment/"$app" --timeout=120s
