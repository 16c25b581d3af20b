# 1. No token in the storefront's pods: the account needs none.
kubectl -n shop patch serviceaccount storefront -p '{"automountServiceAccountToken": false}'
kubectl -n shop patch deployment storefront -p '{"spec":{"template":{"spec":{"automountServiceAccountToken": false}}}}'
# 2. Only what it needs: its own ConfigMap.
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: storefront
  namespace: shop
rules:
  - apiGroups: [""]
    resources: [configmaps]
    resourceNames: [storefront-config]
    verbs: [get]
YAML
kubectl -n shop rollout status deployment/storefront --timeout=120s
