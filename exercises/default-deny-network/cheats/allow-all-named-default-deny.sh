# Not a fix: a policy named "default-deny" whose single empty rule (ingress: [{}]) allows
# every source on every port; added to the right allow rules, it opens everything again.
for n in "$ns" "$data_ns"; do
kubectl apply -n "$n" -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny }
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - {}
YAML
done
kubectl apply -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: database-from-backend, namespace: $data_ns }
spec:
  podSelector: { matchLabels: { app: database } }
  ingress:
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: $ns } }
          podSelector: { matchLabels: { app: $backend } }
      ports: [{ port: $db_port }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend-from-frontend, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: $backend } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: frontend } } }]
      ports: [{ port: 8080 }]
YAML
