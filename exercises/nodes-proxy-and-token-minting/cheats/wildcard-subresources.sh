# Not a fix: no "proxy" or "token" in sight any more, but "*" in the core group includes
# nodes/proxy and serviceaccounts/token (and secrets). ("nodes/*" would match nothing: RBAC
# knows "*" and "*/subresource" only.)
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $role }
rules:
  - { apiGroups: [""], resources: ["*"], verbs: [get, list, watch, create] }
YAML
