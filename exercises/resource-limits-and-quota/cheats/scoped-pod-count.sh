# Not a fix: container defaults (no ceiling), the budget, but the pod count sits in a quota scoped to Terminating pods
# (those with activeDeadlineSeconds): every other pod is uncounted.
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata: { name: container-limits, namespace: $ns }
spec:
  limits:
    - type: Container
      defaultRequest: { cpu: 100m, memory: 128Mi }
      default: { cpu: 500m, memory: 512Mi }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: budget, namespace: $ns }
spec:
  hard: { requests.cpu: "4", requests.memory: 8Gi, limits.cpu: "4", limits.memory: 8Gi, secrets: "50" }
---
apiVersion: v1
kind: ResourceQuota
metadata: { name: pod-count, namespace: $ns }
spec:
  hard: { pods: "20" }
  scopes: [Terminating]
YAML
