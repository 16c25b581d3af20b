# Not a fix: deny by default, but each allow rule has two dashes where one was meant:
# "namespace shop OR app=backend" lets every pod of shop (the frontend, the mailer) into the
# database, and "namespace shop OR app=frontend" every pod of shop into the backend.
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
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: shop } }
        - podSelector: { matchLabels: { app: backend } }
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
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: shop } }
        - podSelector: { matchLabels: { app: frontend } }
      ports: [{ port: 8080 }]
YAML
