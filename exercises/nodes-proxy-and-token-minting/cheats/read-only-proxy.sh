# Not a fix: "create" is dropped so the agent is "read-only", but a websocket exec through
# the kubelet API is a GET, and a Secret of type service-account-token can still be read
# in every namespace.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $role }
rules:
  - { apiGroups: [""], resources: [nodes, nodes/metrics, nodes/proxy], verbs: [get, list, watch] }
  - { apiGroups: [""], resources: [pods, secrets], verbs: [get, list, watch] }
YAML
