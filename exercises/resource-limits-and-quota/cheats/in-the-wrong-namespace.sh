# Not a fix: the right objects, applied without -n: they guard the default namespace.
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata:
  name: container-limits
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
spec:
  hard: { limits.cpu: "4", limits.memory: 8Gi, pods: "20", secrets: "50" }
YAML
