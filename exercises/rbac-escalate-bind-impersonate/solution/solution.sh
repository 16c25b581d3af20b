# Who gave Morgan what?
kubectl get clusterrolebindings,rolebindings -A -o wide | grep morgan
kubectl describe clusterrole team-lead-rbac
# The cluster-wide grant of escalate, bind and impersonate goes.
kubectl delete clusterrolebinding team-lead-rbac
kubectl delete clusterrole team-lead-rbac
# Morgan manages Roles and RoleBindings in team-orion only, and without escalate and bind the
# API server lets Morgan grant only permissions Morgan already holds there (edit).
kubectl -n team-orion create role team-lead-rbac \
  --verb=get,list,watch,create,update,patch,delete \
  --resource=roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io
kubectl -n team-orion create rolebinding team-lead-rbac --role=team-lead-rbac --user=morgan
# Check: a developer binding still works, cluster-admin does not.
kubectl -n team-orion create rolebinding sam-developer --role=developer --user=sam --as=morgan --dry-run=server
kubectl -n team-orion create rolebinding morgan-admin --clusterrole=cluster-admin --user=morgan --as=morgan --dry-run=server || true
kubectl auth can-i impersonate groups --as=morgan || true
