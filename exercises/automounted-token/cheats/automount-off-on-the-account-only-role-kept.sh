# Not a fix: the ServiceAccount says "no automount", but the pod spec asks for it
# explicitly (the pod's setting wins), and the Role still reads every Secret.
kubectl -n shop patch serviceaccount storefront -p '{"automountServiceAccountToken": false}'
kubectl -n shop patch deployment storefront -p '{"spec":{"template":{"spec":{"automountServiceAccountToken": true}}}}'
kubectl -n shop rollout status deployment/storefront --timeout=120s
