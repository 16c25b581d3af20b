# 1. Guard the namespace first, so nothing like it is admitted again.
kubectl label namespace tools pod-security.kubernetes.io/enforce=baseline --overwrite
# 2. An ordinary debug pod: no host PID namespace, not privileged (the pod is replaced).
kubectl -n tools patch deployment debug --type=json -p='[
  {"op": "remove", "path": "/spec/template/spec/hostPID"},
  {"op": "remove", "path": "/spec/template/spec/containers/0/securityContext"}
]'
kubectl -n tools rollout status deployment/debug --timeout=120s
