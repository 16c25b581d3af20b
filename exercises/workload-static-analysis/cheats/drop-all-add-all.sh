# Not a fix ("half a hardening"): every container now says runAsNonRoot, no privilege
# escalation and drop [ALL], and the hostPath volumes are gone, but the add lists survive:
# the front end adds back ALL, the API SYS_ADMIN (root in all but name). Drop then add is add.
kubectl replace -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata: { name: $web, namespace: $ns }
spec:
  replicas: 2
  selector: { matchLabels: { app: $web } }
  template:
    metadata: { labels: { app: $web } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      volumes: [{ name: logs, emptyDir: {} }]
      containers:
        - name: web
          image: registry.shop.internal/shop/web:latest
          volumeMounts: [{ name: logs, mountPath: /var/log/web }]
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL], add: [ALL] } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: $api, namespace: $ns }
spec:
  replicas: 2
  selector: { matchLabels: { app: $api } }
  template:
    metadata: { labels: { app: $api } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      volumes: [{ name: scratch, emptyDir: {} }]
      initContainers:
        - name: migrate
          image: registry.shop.internal/shop/api-migrate
          command: [/migrate, --scratch=/scratch]
          volumeMounts: [{ name: scratch, mountPath: /scratch }]
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
      containers:
        - name: api
          image: registry.shop.internal/shop/api:latest
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL], add: [SYS_ADMIN] } }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: $worker, namespace: $ns }
spec:
  replicas: 1
  selector: { matchLabels: { app: $worker } }
  template:
    metadata: { labels: { app: $worker } }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      containers:
        - name: worker
          image: registry.shop.internal/shop/worker
          resources: { requests: { cpu: 100m, memory: 128Mi } }
          securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: [ALL] } }
YAML
for d in "$web" "$api" "$worker"; do kubectl -n "$ns" rollout status "deployment/$d" --timeout=90s; done
