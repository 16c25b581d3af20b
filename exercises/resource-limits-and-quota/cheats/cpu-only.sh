# Not a fix: CPU is capped, per container and in total, but memory is not, and neither is the
# number of pods or Secrets.
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata:
  name: container-limits
  namespace: $ns
spec:
  limits:
    - type: Container
      default: { cpu: 500m }
      max: { cpu: "1" }
---
apiVersion: v1
kind: ResourceQuota
metadata:
  name: $ns-budget
  namespace: $ns
spec:
  hard: { limits.cpu: "4", requests.cpu: "4" }
YAML
