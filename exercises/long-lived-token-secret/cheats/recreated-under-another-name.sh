# Not a fix: the leaked Secret is deleted (that revokes the leaked token), but the runner
# "needs a token file", so a new long-lived token is made under another name.
kubectl -n "$ci" delete secret "$deployer-token"
kubectl apply -f - <<YAML
apiVersion: v1
kind: Secret
metadata:
  name: $deployer-token-2
  namespace: $ci
  annotations: { kubernetes.io/service-account.name: $deployer }
type: kubernetes.io/service-account-token
YAML
kubectl -n "$ci" patch deployment "$runner" --type=json -p='[{"op": "replace", "path": "/spec/template/spec/volumes/0/secret/secretName", "value": "'"$deployer"'-token-2"}]'
kubectl -n "$ci" rollout status "deployment/$runner" --timeout=120s
