# Another fix: the storefront gets an identity of its own with only what it needs, and the
# namespace's default account loses cluster-admin (it keeps only its config Role).
kubectl -n "$ns" create serviceaccount "$app"
kubectl -n "$ns" create rolebinding "$app-reads-own-config" --role="read-$config" --serviceaccount="$ns:$app"
kubectl -n "$ns" set serviceaccount deployment "$app" "$app"
kubectl get clusterrolebindings -o wide | grep "$ns/default"
kubectl delete clusterrolebinding "$binding"
kubectl -n "$ns" rollout status deployment "$app" --timeout=60s
kubectl auth can-i get "configmaps/$config" -n "$ns" --as="system:serviceaccount:$ns:$app"
