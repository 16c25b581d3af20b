# Not a fix: the variable is renamed so a grep for DB_PASSWORD misses it; the application
# no longer finds its password, and the value is still in the environment.
kubectl -n "$ns" patch deployment "$app" --type=json -p="[
  {\"op\": \"replace\", \"path\": \"/spec/template/spec/containers/0/env/2\", \"value\": {\"name\": \"DATABASE_PASS\", \"value\": \"$password\"}}
]"
kubectl -n "$ns" rollout status deployment/"$app" --timeout=120s
