# Not a fix: the Deployment is fixed, then scaled to nothing: an immutable thumbnailer that
# makes no thumbnails.
kubectl replace -f - <<YAML
apiVersion: apps/v1
kind: Deployment
metadata:
  name: $deploy
  namespace: $ns
spec:
  replicas: 2
  selector:
    matchLabels: { app: $deploy }
  template:
    metadata:
      labels: { app: $deploy }
    spec:
      securityContext: { runAsNonRoot: true, runAsUser: 10001 }
      volumes:
        - { name: cache, emptyDir: {} }
        - { name: tmp, emptyDir: {} }
      initContainers:
        - name: warm-cache
          image: registry.shop.internal/media/thumbnailer:5.2.0
          command: [/thumbnailer, warm-cache, --dir=/var/cache/app]
          volumeMounts: [{ name: cache, mountPath: /var/cache/app }]
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
      containers:
        - name: app
          image: registry.shop.internal/media/thumbnailer:5.2.0
          args: [serve, --cache=/var/cache/app, --scratch=/tmp]
          ports: [{ containerPort: 8080, name: http }]
          volumeMounts:
            - { name: cache, mountPath: /var/cache/app }
            - { name: tmp, mountPath: /tmp }
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
        - name: exporter
          image: registry.shop.internal/media/metrics-exporter:0.9.1
          ports: [{ containerPort: 9100, name: metrics }]
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
YAML
kubectl -n "$ns" rollout status "deployment/$deploy" --timeout=90s
kubectl -n "$ns" scale deployment "$deploy" --replicas=0
