# 1. Guard the namespace: Pod Security Admission, restricted profile.
kubectl label namespace "$ns" pod-security.kubernetes.io/enforce=restricted --overwrite
# 2. Harden the workload (replace, so the old securityContext fields are gone).
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
      containers:
        - name: $deploy
          image: registry.example/payments-api:3.2
          ports: [{ containerPort: 8080, name: http }]
          securityContext:
            allowPrivilegeEscalation: false
            capabilities: { drop: [ALL] }
YAML
kubectl -n "$ns" rollout status "deployment/$deploy" --timeout=60s
