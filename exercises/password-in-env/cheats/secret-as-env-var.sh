# Not a fix: the value now comes from a Secret, but it still lands in the environment.
kubectl -n "$ns" create secret generic "$app-db" --from-literal=password="$password"
kubectl -n "$ns" patch deployment "$app" --type=json -p="[
  {\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/0/env/2\", \"value\":
    {\"name\": \"DB_PASSWORD\", \"valueFrom\": {\"secretKeyRef\": {\"name\": \"$app-db\", \"key\": \"password\"}}}}
]"
kubectl -n "$ns" rollout status deployment/"$app" --timeout=120s
