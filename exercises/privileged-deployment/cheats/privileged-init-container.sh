# Not a fix: the API container is hardened exactly as the restricted profile asks, but a
# privileged root init container, with the node's / mounted, runs before it in every pod.
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
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: { type: RuntimeDefault }
      volumes:
        - { name: host, hostPath: { path: / } }
      initContainers:
        - name: setup
          image: registry.example/payments-api:3.2
          command: [sh, -c, "chroot /host sh -c id"]
          securityContext: { privileged: true, runAsNonRoot: false, runAsUser: 0 }
          volumeMounts: [{ name: host, mountPath: /host }]
      containers:
        - name: $deploy
          image: registry.example/payments-api:3.2
          ports: [{ containerPort: 8080, name: http }]
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
YAML
kubectl -n "$ns" rollout status "deployment/$deploy" --timeout=60s
