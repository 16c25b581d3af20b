# Which long-lived token Secrets exist, and who uses them?
kubectl get secrets -A --field-selector type=kubernetes.io/service-account-token
kubectl -n "$ci" get deployment "$runner" -o jsonpath='{.spec.template.spec.volumes}'; echo
# 1. The runner gets a short-lived token instead: projected by the kubelet through the
#    TokenRequest API, bound to its pod, valid for an hour and rotated before it expires.
kubectl -n "$ci" patch deployment "$runner" --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/volumes/0", "value":
    {"name": "ci-token", "projected": {"sources": [{"serviceAccountToken": {"path": "token", "expirationSeconds": 3600}}]}}}
]'
kubectl -n "$ci" rollout status "deployment/$runner" --timeout=120s
# 2. Deleting the Secret revokes the leaked token: the API server checks that it still exists.
kubectl -n "$ci" delete secret "$deployer-token"
# The bot still deploys, with a token that expires:
kubectl -n "$ci" create token "$deployer" --duration=10m >/dev/null
