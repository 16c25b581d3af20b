# Not a fix: everything is fixed on paper, but the worker no longer runs at all
# ("it only does batch jobs"): no pod, no finding, and no background jobs either.
kubectl replace -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $web
  namespace: $ns
spec:
  replicas: 2
  selector:
    matchLabels: { app: $web }
  template:
    metadata:
      labels: { app: $web }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      volumes:
        - { name: logs, emptyDir: {} }
      containers:
        - name: web
          image: registry.shop.internal/shop/web:3.4.1
          ports: [{ containerPort: 8080, name: http }]
          volumeMounts: [{ name: logs, mountPath: /var/log/web }]
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $api
  namespace: $ns
spec:
  replicas: 2
  selector:
    matchLabels: { app: $api }
  template:
    metadata:
      labels: { app: $api }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      volumes:
        - { name: scratch, emptyDir: {} }
      initContainers:
        - name: migrate
          image: registry.shop.internal/shop/api-migrate:2.9.0
          command: [/migrate, --scratch=/scratch]
          volumeMounts: [{ name: scratch, mountPath: /scratch }]
          resources:
            limits: { cpu: 200m, memory: 128Mi }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
      containers:
        - name: api
          image: registry.shop.internal/shop/api:2.9.0
          ports: [{ containerPort: 8080, name: http }]
          resources:
            limits: { cpu: 500m, memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $worker
  namespace: $ns
spec:
  replicas: 1
  selector:
    matchLabels: { app: $worker }
  template:
    metadata:
      labels: { app: $worker }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      containers:
        - name: worker
          image: registry.shop.internal/shop/worker:1.12.3
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
YAML
for d in "$web" "$api" "$worker"; do kubectl -n "$ns" rollout status "deployment/$d" --timeout=90s; done
kubectl -n "$ns" scale deployment "$worker" --replicas=0
