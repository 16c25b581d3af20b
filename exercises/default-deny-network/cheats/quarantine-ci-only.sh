# Not a fix: the build runners are locked in (no egress from $ci), but the shop's own pods
# (a compromised frontend or mailer) still reach the database and the backend.
kubectl apply -n "$ci" -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-all }
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
YAML
