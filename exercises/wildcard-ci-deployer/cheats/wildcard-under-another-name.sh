# Not a fix: the "old" Role is gone, but a new one with the same wildcard rules takes its place.
kubectl -n "$ns" delete rolebinding "$role"
kubectl -n "$ns" delete role "$role"
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: ci-pipeline, namespace: $ns }
rules:
  - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ci-pipeline, namespace: $ns }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ci-pipeline }
subjects:
  - { kind: ServiceAccount, name: $sa, namespace: $ns }
YAML
