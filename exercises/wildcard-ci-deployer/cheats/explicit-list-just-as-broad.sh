# Not a fix: no more "*", but the explicit lists name everything the wildcard gave that
# matters: Secrets, pods and exec, tokens, jobs, roles and bindings, with escalate and bind.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: { name: $role, namespace: $ns }
rules:
  - apiGroups: ["", apps, batch]
    resources: [pods, pods/exec, pods/log, secrets, configmaps, services, serviceaccounts, serviceaccounts/token, deployments, replicasets, jobs, cronjobs]
    verbs: [get, list, watch, create, update, patch, delete]
  - apiGroups: [rbac.authorization.k8s.io]
    resources: [roles, rolebindings]
    verbs: [get, list, watch, create, update, patch, delete, escalate, bind]
YAML
