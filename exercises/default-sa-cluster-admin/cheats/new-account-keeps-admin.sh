# Not a fix: the default account loses cluster-admin, but the application is moved to a new
# account that gets it back under another binding. A token stolen from the pod is exactly
# as powerful as before.
kubectl -n "$ns" create serviceaccount "$app-runner"
kubectl create clusterrolebinding "$app-runner-admin" --clusterrole=cluster-admin --serviceaccount="$ns:$app-runner"
kubectl -n "$ns" set serviceaccount deployment "$app" "$app-runner"
kubectl delete clusterrolebinding "$binding"
kubectl -n "$ns" rollout status deployment "$app" --timeout=60s
