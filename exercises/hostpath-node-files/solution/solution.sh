# 1. Refuse hostPath in the namespace $ns from now on.
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=baseline --overwrite
# 2. A scratch directory instead of the node's files (the pod is replaced).
kubectl -n "$ns" patch deployment "$deploy" --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/volumes/0", "value": {"name": "node", "emptyDir": {}}}
]'
kubectl -n "$ns" rollout status deployment/"$deploy" --timeout=120s
