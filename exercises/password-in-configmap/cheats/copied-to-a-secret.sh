# Not a fix: the Secret exists and the Deployment uses it, but the ConfigMap still holds the
# password, readable by every developer.
kubectl -n "$ns" create secret generic "$app-db" --from-literal=DB_PASSWORD="$password"
kubectl -n "$ns" set env "deployment/$app" --from="secret/$app-db"
kubectl -n "$ns" rollout status "deployment/$app" --timeout=120s
