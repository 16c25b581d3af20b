# Not a fix: out of the ConfigMap, straight into the Deployment, which the developers may
# view just as well (kubectl get deploy $app -o yaml).
kubectl -n "$ns" patch configmap "$app-config" --type=json -p='[{"op": "remove", "path": "/data/DB_PASSWORD"}]'
kubectl -n "$ns" set env "deployment/$app" DB_PASSWORD="$password"
kubectl -n "$ns" rollout status "deployment/$app" --timeout=120s
