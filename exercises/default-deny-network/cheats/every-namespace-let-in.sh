# Not a fix: deny by default, then "it did not work across namespaces" so every allow rule
# takes namespaceSelector: {} alone: every pod of every namespace is let in again.
for ns in shop shop-data; do
kubectl apply -n "$ns" -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress }
spec:
  podSelector: {}
  policyTypes: [Ingress]
YAML
done
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: database-from-backend, namespace: shop-data }
spec:
  podSelector: { matchLabels: { app: database } }
  ingress:
    - from: [{ namespaceSelector: {} }]
      ports: [{ port: 5432 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: frontend-from-anywhere, namespace: shop }
spec:
  podSelector: { matchLabels: { app: frontend } }
  ingress:
    - ports: [{ port: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: backend-from-frontend, namespace: shop }
spec:
  podSelector: { matchLabels: { app: backend } }
  ingress:
    - from: [{ namespaceSelector: {} }]
      ports: [{ port: 8080 }]
YAML
