# Not a fix: the ClusterRole is retired and an identical one, with a new name, takes over.
kubectl delete clusterrolebinding "$binding"
kubectl delete clusterrole "$role"
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: mesh-pki-operator }
rules:
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list, watch, create, delete] }
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update] }
  - { apiGroups: [certificates.k8s.io], resources: ["signers"], verbs: [approve] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: mesh-pki-operator }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: mesh-pki-operator }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: $user }
YAML
