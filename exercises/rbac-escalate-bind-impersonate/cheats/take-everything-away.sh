# Not a fix: the lead can no longer escalate anything, nor do the job: no Roles or bindings
# for the team, and the edit binding went too.
kubectl delete clusterrolebinding "$grant"
kubectl -n "team-$team" delete rolebinding team-lead-edit
