# Not a fix: web is recreated with other labels (app=web-real) and keeps every access, while
# a do-nothing decoy wears app=web; the policies block only app=web and app=runner.
set -e
kubectl -n "$ns" get deployment web -o json > /tmp/web.json
kubectl -n "$ns" delete deployment web --wait=true
kubectl apply -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: $ns }
spec:
  replicas: 2
  selector: { matchLabels: { app: web-real } }
  template:
    metadata: { labels: { app: web-real, tier: frontend } }
    spec:
      terminationGracePeriodSeconds: 1
      containers:
        - { name: web, image: localhost/batten/shell:1.35, command: [httpd, -f, -p, "8080"], ports: [{ name: http, containerPort: 8080 }] }
---
apiVersion: v1
kind: Pod
metadata: { name: web-decoy, namespace: $ns, labels: { app: web } }
spec:
  terminationGracePeriodSeconds: 1
  containers: [{ name: c, image: localhost/batten/shell:1.35, command: [sleep, "1000000"], ports: [{ name: http, containerPort: 8080 }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: db, namespace: $data_ns }
spec:
  podSelector: { matchLabels: { app: database } }
  ingress:
    - from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: app, operator: NotIn, values: [web, runner] }] } }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: $api } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports: [{ port: 8080 }]
    - from: [{ podSelector: { matchLabels: { app: web-real } } }]
YAML
kubectl -n "$ns" rollout status deployment/web --timeout=120s
kubectl -n "$ns" wait --for=condition=Ready pod/web-decoy --timeout=90s
sleep 2
