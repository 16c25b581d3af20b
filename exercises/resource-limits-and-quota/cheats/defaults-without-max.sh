# Not a fix: a LimitRange with defaults only. A container that says nothing gets a limit, but
# one that asks for 64 CPUs gets 64 CPUs; and there is no quota at all.
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
YAML
