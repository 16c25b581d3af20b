# Not a fix: the compromised web pods can call out to nothing (egress denied), so they lose
# $api too; and the build runners still reach the database and $api's admin port.
kubectl apply -n "$ns" -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-no-egress }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
YAML
