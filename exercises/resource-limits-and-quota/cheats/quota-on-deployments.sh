# Not a fix: defaults for every container but no ceiling, and a quota that caps Deployments
# and ReplicaSets instead of pods: one Deployment scaled to a thousand replicas is still one
# Deployment.
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata: { name: container-defaults, namespace: $ns }
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
  hard: { requests.cpu: "4", requests.memory: 8Gi, limits.cpu: "4", limits.memory: 8Gi, count/deployments.apps: "5", count/replicasets.apps: "20", secrets: "50" }
YAML
