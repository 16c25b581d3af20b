# The same fix without rewriting the Deployment: patch only what is wrong.
# 1. Guard the namespace: Pod Security Admission, restricted profile.
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=restricted --overwrite
# 2. A JSON patch: the container's securityContext replaced whole (privileged, root, ALL
#    capabilities gone), the pod's added (non-root user, RuntimeDefault seccomp).
kubectl -n "$ns" patch deployment "$deploy" --type=json -p '[
  {"op": "replace", "path": "/spec/template/spec/containers/0/securityContext",
   "value": {"allowPrivilegeEscalation": false, "capabilities": {"drop": ["ALL"]}}},
  {"op": "add", "path": "/spec/template/spec/securityContext",
   "value": {"runAsNonRoot": true, "runAsUser": 10001, "seccompProfile": {"type": "RuntimeDefault"}}}
]'
kubectl -n "$ns" rollout status "deployment/$deploy" --timeout=60s
