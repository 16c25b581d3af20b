# Not a fix: deny by default, then "it did not work across namespaces" so each allow rule
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
metadata: { name: database-from-api, namespace: $data_ns }
spec:
  podSelector: { matchLabels: { app: database } }
  ingress:
    - from: [{ namespaceSelector: {} }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-anywhere, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - ports: [{ port: 8080 }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: $api } }
  ingress:
    - from: [{ namespaceSelector: {} }]
YAML
