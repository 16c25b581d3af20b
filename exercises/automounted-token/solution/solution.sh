# 1. No token in the $app pods: the account $sa needs none.
kubectl -n "$ns" patch serviceaccount "$sa" -p '{"automountServiceAccountToken": false}'
kubectl -n "$ns" patch deployment "$app" -p '{"spec":{"template":{"spec":{"automountServiceAccountToken": false}}}}'
# 2. Only what it needs: its own ConfigMap.
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: $role
  namespace: $ns
rules:
  - apiGroups: [""]
    resources: [configmaps]
    resourceNames: [$config]
    verbs: [get]
YAML
kubectl -n "$ns" rollout status deployment/"$app" --timeout=120s
