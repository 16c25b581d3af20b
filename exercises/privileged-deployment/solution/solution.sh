# 1. Guard the namespace: Pod Security Admission, restricted profile.
kubectl label namespace payments pod-security.kubernetes.io/enforce=restricted --overwrite
# 2. Harden the workload (replace, so the old securityContext fields are gone).
kubectl replace -f - <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: payments
spec:
  replicas: 2
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: api
          image: registry.example/payments-api:3.2
          ports: [{ containerPort: 8080, name: http }]
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
YAML
kubectl -n payments rollout status deployment/api --timeout=60s
