# 1. Guard the namespace $ns first, so nothing like it is admitted again.
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=baseline --overwrite
# 2. An ordinary debug pod: no host PID namespace, not privileged (the pod is replaced).
kubectl -n "$ns" patch deployment "$deploy" --type=json -p='[
  {"op": "remove", "path": "/spec/template/spec/hostPID"},
  {"op": "remove", "path": "/spec/template/spec/containers/0/securityContext"}
]'
kubectl -n "$ns" rollout status deployment/"$deploy" --timeout=120s
