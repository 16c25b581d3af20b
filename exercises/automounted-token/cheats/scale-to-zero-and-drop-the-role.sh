# Not a fix: no pod carries a token if no pod runs; no Role, no ConfigMap either.
kubectl -n shop delete role storefront
kubectl -n shop scale deployment storefront --replicas=0
kubectl -n shop wait --for=delete pod -l app=storefront --timeout=60s
