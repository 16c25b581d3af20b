# Not a fix: the right policies, but web moves onto the node's own network (its packets are
# the node's, which no pod rule filters), and a web-labelled pod that never starts stands
# beside it.
set -e
kubectl apply -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress, namespace: $data_ns }
spec: { podSelector: {}, policyTypes: [Ingress] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: database-from-api, namespace: $data_ns }
spec:
  podSelector: { matchLabels: { app: database } }
  ingress:
    - from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: $ns } }, podSelector: { matchLabels: { app: $api } } }]
      ports: [{ port: postgres }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress, namespace: $ns }
spec: { podSelector: {}, policyTypes: [Ingress] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-from-anywhere, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress: [{ ports: [{ port: 8080 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-web, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: $api } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 8080 }] }]
---
apiVersion: v1
kind: Pod
metadata: { name: web-pending, namespace: $ns, labels: { app: web } }
spec:
  nodeSelector: { batten-never: "true" }
  containers: [{ name: c, image: localhost/batten/shell:1.35, command: [sleep, "1000000"], ports: [{ name: http, containerPort: 8080 }] }]
YAML
kubectl -n "$ns" patch deployment web --type=merge -p '{"spec":{"replicas":1,"template":{"spec":{"hostNetwork":true}}}}'
kubectl -n "$ns" rollout status deployment/web --timeout=120s
sleep 2
