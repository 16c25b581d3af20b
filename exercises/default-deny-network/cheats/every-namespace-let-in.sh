# Not a fix: deny by default, then "it did not work across namespaces" so every allow rule
# takes namespaceSelector: {} alone: every pod of every namespace is let in again.
for n in "$ns" "$data_ns"; do
kubectl apply -n "$n" -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress }
spec:
  podSelector: {}
  policyTypes: [Ingress]
YAML
done
kubectl apply -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: database-from-backend, namespace: $data_ns }
spec:
  podSelector: { matchLabels: { app: database } }
  ingress:
    - from: [{ namespaceSelector: {} }]
      ports: [{ port: $db_port }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: frontend-from-anywhere, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: frontend } }
  ingress:
    - ports: [{ port: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend-from-frontend, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: $backend } }
  ingress:
    - from: [{ namespaceSelector: {} }]
      ports: [{ port: 8080 }]
YAML
