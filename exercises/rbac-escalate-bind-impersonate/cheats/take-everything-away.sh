# Not a fix: Morgan can no longer escalate anything, nor do the job: no Roles or bindings
# for the team, and the edit binding went too.
kubectl delete clusterrolebinding team-lead-rbac
kubectl -n team-orion delete rolebinding team-lead-edit
