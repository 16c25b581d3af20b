# Not a fix: deny by default, but each allow rule has two dashes where one was meant:
# "namespace $ns OR app=$backend" lets every pod of $ns (the frontend, the mailer) into the
# database, and "namespace $ns OR app=frontend" every pod of $ns into $backend.
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
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: $ns } }
        - podSelector: { matchLabels: { app: $backend } }
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
    - from:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: $ns } }
        - podSelector: { matchLabels: { app: frontend } }
      ports: [{ port: 8080 }]
YAML
