# Not a fix: a LimitRange of type Pod caps the sum of a pod's containers, with no defaults:
# the dashboard, whose containers say nothing, is refused, and the namespace has no budget.
kubectl apply -f - <<YAML
apiVersion: v1
kind: LimitRange
metadata: { name: pod-limits, namespace: $ns }
spec:
  limits:
    - type: Pod
      max: { cpu: "1", memory: 1Gi }
YAML
