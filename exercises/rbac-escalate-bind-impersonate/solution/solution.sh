# Who gave the lead what?
kubectl get clusterrolebindings,rolebindings -A -o wide | grep "$lead"
kubectl describe clusterrole "$grant"
# The cluster-wide grant of escalate, bind and impersonate goes.
kubectl delete clusterrolebinding "$grant"
kubectl delete clusterrole "$grant"
# The lead manages Roles and RoleBindings in team-$team only, and without escalate and bind the
# API server lets the lead grant only permissions the lead already holds there (edit).
kubectl -n "team-$team" create role team-lead-rbac \
  --verb=get,list,watch,create,update,patch,delete \
  --resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io
kubectl -n "team-$team" create rolebinding team-lead-rbac --role=team-lead-rbac --user="$lead"
# Check: a developer binding still works, cluster-admin does not.
kubectl -n "team-$team" create rolebinding sam-developer --role=developer --user=sam --as="$lead" --dry-run=server
kubectl -n "team-$team" create rolebinding lead-admin --clusterrole=cluster-admin --user="$lead" --as="$lead" --dry-run=server || true
kubectl auth can-i impersonate groups --as="$lead" || true
