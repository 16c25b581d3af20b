# Not a fix: the "old" Role is gone, but a new one with the same wildcard rules takes its place.
kubectl -n checkout delete rolebinding ci-deployer
kubectl -n checkout delete role ci-deployer
kubectl apply -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: ci-pipeline, namespace: checkout }
rules:
  - { apiGroups: ["*"], resources: ["*"], verbs: ["*"] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: ci-pipeline, namespace: checkout }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: ci-pipeline }
subjects:
  - { kind: ServiceAccount, name: ci-deployer, namespace: checkout }
YAML
