# Not a fix: "tokens are no longer mounted" - automountServiceAccountToken only stops the
# kubelet from mounting a token into new pods; the Secret's token still authenticates.
kubectl -n "$ci" patch serviceaccount "$deployer" -p '{"automountServiceAccountToken": false}'
