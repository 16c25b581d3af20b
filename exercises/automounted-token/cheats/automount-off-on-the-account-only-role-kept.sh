# Not a fix: the ServiceAccount says "no automount", but the pod spec asks for it
# explicitly (the pod's setting wins), and the Role still reads every Secret.
kubectl -n "$ns" patch serviceaccount "$sa" -p '{"automountServiceAccountToken": false}'
kubectl -n "$ns" patch deployment "$app" -p '{"spec":{"template":{"spec":{"automountServiceAccountToken": true}}}}'
kubectl -n "$ns" rollout status deployment/"$app" --timeout=120s
