# What can the deploy key do? Everything in $ns.
kubectl auth can-i --list -n "$ns" --as=system:serviceaccount:$ns:$sa
# The pipeline runs kubectl set image and `kubectl rollout status`: it reads, patches and
# watches Deployments. Recreate the Role with exactly that; the RoleBinding keeps pointing at it.
kubectl -n "$ns" delete role "$role"
kubectl -n "$ns" create role "$role" --verb=get,list,watch,patch,update --resource=deployments.apps
kubectl auth can-i list secrets -n "$ns" --as=system:serviceaccount:$ns:$sa || true
kubectl auth can-i patch "deployments/$app" -n "$ns" --as=system:serviceaccount:$ns:$sa
