# Who can read what: the developers' "view" role reads ConfigMaps, never Secrets.
kubectl -n "$ns" get rolebindings -o wide
kubectl -n "$ns" get configmap "$app-config" -o yaml
# 1. The password goes into a Secret.
kubectl -n "$ns" create secret generic "$app-db" --from-literal=DB_PASSWORD="$password"
# 2. The Deployment takes DB_PASSWORD from that Secret (env wins over envFrom).
kubectl -n "$ns" set env "deployment/$app" --from="secret/$app-db"
# 3. And the ConfigMap forgets it.
kubectl -n "$ns" patch configmap "$app-config" --type=json -p='[{"op": "remove", "path": "/data/DB_PASSWORD"}]'
kubectl -n "$ns" rollout status "deployment/$app" --timeout=120s
kubectl auth can-i get secrets -n "$ns" --as="$dev" --as-group="$ns-developers" || true
