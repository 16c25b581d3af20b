# Not a fix: the right policies, written without a namespace and applied without -n, land in
# namespace default, where they select nothing the shop runs.
kubectl apply -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress }
spec:
  podSelector: {}
  policyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: database-from-api }
spec:
  podSelector: { matchLabels: { app: database } }
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: $ns } }
          podSelector: { matchLabels: { app: $api } }
      ports: [{ port: $db_port }]
YAML
kubectl get networkpolicies -A
