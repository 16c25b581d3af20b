# 1. Per container: defaults for containers that say nothing, and a ceiling for those that do.
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata:
  name: container-limits
  namespace: $ns
spec:
  limits:
    - type: Container
      defaultRequest: { cpu: 100m, memory: 128Mi }
      default: { cpu: 500m, memory: 512Mi }
      max: { cpu: "1", memory: 1Gi }
YAML
# 2. For the whole namespace: the budget agreed with the platform team.
kubectl apply -f - <<YAML
apiVersion: v1
kind: ResourceQuota
metadata:
  name: $ns-budget
  namespace: $ns
spec:
  hard:
    requests.cpu: "4"
    requests.memory: 8Gi
    limits.cpu: "4"
    limits.memory: 8Gi
    pods: "20"
    secrets: "50"
    configmaps: "50"
    services: "10"
YAML
# 3. The dashboard's pods get the defaults when they are replaced; check it still fits.
kubectl -n "$ns" rollout restart deployment "$app"
kubectl -n "$ns" rollout status deployment "$app" --timeout=60s
kubectl -n "$ns" describe quota "$ns-budget"
