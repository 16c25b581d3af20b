# Not a fix: escalate and bind are gone, but impersonation stays "so the lead can test what a
# developer sees". kubectl --as=anyone --as-group=system:masters is still cluster-admin.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $grant }
rules:
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [roles, rolebindings]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [""]
    resources: [users, groups, serviceaccounts]
    verbs: [impersonate]
YAML
