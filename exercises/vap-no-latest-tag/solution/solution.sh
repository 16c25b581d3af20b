# 1. Pin the catalog to the versions it runs today (the release notes: api $api_version, cache $cache_version).
kubectl -n "$ns" set image "deployment/$deploy" api="$registry/catalog/api:$api_version" cache="$registry/catalog/cache:$cache_version"
kubectl -n "$ns" rollout status "deployment/$deploy" --timeout=60s
# 2. Refuse any pod with a mutable image reference: every container must name a tag other than
#    latest, or a digest. A registry port (host:5000/name) is not a tag.
kubectl apply -f - <<YAML
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
        resources: [pods, pods/ephemeralcontainers]
  variables:
    - name: images
      expression: >-
        object.spec.containers.map(c, c.image)
        + (has(object.spec.initContainers) ? object.spec.initContainers.map(c, c.image) : [])
        + (has(object.spec.ephemeralContainers) ? object.spec.ephemeralContainers.map(c, c.image) : [])
    - name: mutable
      expression: >-
        variables.images.filter(i, !i.matches('@sha256:[0-9a-f]{64}$') &&
          !(i.matches(':[^:/@]+$') && !i.endsWith(':latest')))
  validations:
    - expression: "size(variables.mutable) == 0"
      messageExpression: "'images must name a version tag other than latest, or a digest: ' + variables.mutable.join(', ')"
      reason: Forbidden
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata:
  name: pinned-images-$ns
spec:
  policyName: pinned-images
  validationActions: [Deny]
  matchResources:
    namespaceSelector:
      matchLabels: { kubernetes.io/metadata.name: $ns }
YAML
