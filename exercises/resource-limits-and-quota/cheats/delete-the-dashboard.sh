# Not a fix: the namespace is guarded, but the dashboard is gone.
kubectl -n "$ns" delete deployment "$app"
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata:
  name: container-limits
  namespace: $ns
spec:
  limits:
    - type: Container
      default: { cpu: 500m, memory: 512Mi }
      max: { cpu: "1", memory: 1Gi }
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: $ns-budget
  namespace: $ns
spec:
  hard: { limits.cpu: "4", limits.memory: 8Gi, pods: "20", secrets: "50" }
YAML
