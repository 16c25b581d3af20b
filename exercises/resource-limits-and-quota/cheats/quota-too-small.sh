# Not a fix: a quota so tight that the dashboard's two pods fill it: no rollout, no
# rescheduled pod, nothing new can start.
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
  hard: { limits.cpu: "1", limits.memory: 1Gi, pods: "2", secrets: "5" }
YAML
