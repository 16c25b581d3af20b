# Not a fix: no "proxy" or "token" in sight any more, but nodes/* includes nodes/proxy and
# serviceaccounts/* includes serviceaccounts/token.
kubectl replace -f - <<'YAML'
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: metrics-agent }
rules:
  - { apiGroups: [""], resources: [nodes, "nodes/*"], verbs: [get, list, watch, create] }
  - { apiGroups: [""], resources: [pods], verbs: [get, list, watch] }
  - { apiGroups: [""], resources: ["serviceaccounts/*"], verbs: [create] }
YAML
