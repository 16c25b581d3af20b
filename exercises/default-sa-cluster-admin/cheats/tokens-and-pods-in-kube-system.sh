# Not a fix: the cluster-wide binding is gone, but a RoleBinding in kube-system lets the
# account mint tokens for (and start pods as) kube-system's controllers' service accounts,
# some of which can escalate their way to cluster-admin.
kubectl delete clusterrolebinding "$binding"
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: $ns-helper, namespace: kube-system }
rules:
  - { apiGroups: [""], resources: [serviceaccounts/token], verbs: [create] }
  - { apiGroups: [""], resources: [pods], verbs: [create, get] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: $ns-helper, namespace: kube-system }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: $ns-helper }
subjects:
  - { kind: ServiceAccount, name: default, namespace: $ns }
YAML
