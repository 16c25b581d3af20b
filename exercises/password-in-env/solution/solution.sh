# The password goes into a Secret, mounted read-only as a file the application reads.
kubectl -n "$ns" create secret generic "$app-db" --from-literal=password="$password"
kubectl -n "$ns" patch deployment "$app" --type=json -p="[
  {\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/0/env\", \"value\": [
    {\"name\": \"APP_NAME\", \"value\": \"$app\"},
    {\"name\": \"DB_HOST\", \"value\": \"postgres.$ns.svc\"},
    {\"name\": \"DB_PASSWORD_FILE\", \"value\": \"/etc/$app-db/password\"}]},
  {\"op\": \"add\", \"path\": \"/spec/template/spec/volumes\", \"value\": [{\"name\": \"db\", \"secret\": {\"secretName\": \"$app-db\", \"defaultMode\": 256}}]},
  {\"op\": \"add\", \"path\": \"/spec/template/spec/containers/0/volumeMounts\", \"value\": [{\"name\": \"db\", \"mountPath\": \"/etc/$app-db\", \"readOnly\": true}]}
]"
kubectl -n "$ns" rollout status deployment/"$app" --timeout=120s
