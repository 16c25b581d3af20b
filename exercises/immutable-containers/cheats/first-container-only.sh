# Not a fix: readOnlyRootFilesystem on the app container only (the first in the list, the
# one everybody looks at). The init container and the privileged-no-longer exporter still
# have writable root filesystems: an attacker in either rewrites it at will.
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
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
YAML
kubectl -n "$ns" rollout status "deployment/$deploy" --timeout=90s
