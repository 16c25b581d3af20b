# Not a fix: cluster-admin is swapped for a "smaller" ClusterRole, but one that can
# impersonate any user, group or service account (kubectl --as=anyone --as-group=system:masters
# is cluster-admin again) and patch ClusterRoleBindings.
kubectl delete clusterrolebinding "$binding"
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $ns-operator }
rules:
  - { apiGroups: [""], resources: [configmaps], verbs: [get, list, watch] }
  - { apiGroups: [""], resources: [users, groups, serviceaccounts], verbs: [impersonate] }
  - { apiGroups: [rbac.authorization.k8s.io], resources: [clusterrolebindings], verbs: [get, list, patch, update] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: $ns-operator }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: $ns-operator }
subjects:
  - { kind: ServiceAccount, name: default, namespace: $ns }
YAML
