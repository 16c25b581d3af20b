# Not a fix: bind on ClusterRoles and impersonation of users are gone, but escalate and bind
# on Roles stay cluster-wide, and groups can still be impersonated: the lead writes a
# wildcard Role in kube-system and binds it, or simply adds --as-group=system:masters.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $grant }
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [roles, rolebindings]
    verbs: [get, list, watch, create, update, patch, delete, escalate, bind]
  - apiGroups: [""]
    resources: [groups]
    verbs: [impersonate]
YAML
