# Not a fix: container defaults (no ceiling), then a per-Pod LimitRange (4 CPU, 8Gi) instead of
# a namespace budget, and a quota that only counts objects: 20 pods x 4 CPU = 80 CPUs.
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata: { name: container-limits, namespace: $ns }
spec:
  limits:
    - type: Container
      defaultRequest: { cpu: 100m, memory: 128Mi }
      default: { cpu: 500m, memory: 512Mi }
    - type: Pod
      max: { cpu: "4", memory: 8Gi }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: counts, namespace: $ns }
spec:
  hard: { pods: "20", secrets: "50" }
YAML
