# Not a fix: the right policy, bound in Audit mode only; and only the api container is
# pinned, the cache still runs whatever latest is.
kubectl apply -f - <<EOF
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata:
  name: pinned-images
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules:
      - apiGroups: [""]
        apiVersions: [v1]
        operations: [CREATE, UPDATE]
        resources: [pods]
  validations:
    - expression: "object.spec.containers.all(c, c.image.matches('@sha256:[0-9a-f]{64}$') || (c.image.matches(':[^:/@]+$') && !c.image.endsWith(':latest'))) && (!has(object.spec.initContainers) || object.spec.initContainers.all(c, c.image.matches('@sha256:[0-9a-f]{64}$') || (c.image.matches(':[^:/@]+$') && !c.image.endsWith(':latest'))))"
      message: images must be pinned
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: pinned-images-$ns
spec:
  policyName: pinned-images
  validationActions: [Warn, Audit]
  matchResources:
    namespaceSelector:
      matchLabels: { kubernetes.io/metadata.name: $ns }
EOF
kubectl -n "$ns" set image "deployment/$deploy" api="$registry/catalog/api:$api_version"
kubectl -n "$ns" rollout status "deployment/$deploy" --timeout=60s
