# What can the deploy key do? Everything in checkout.
kubectl auth can-i --list -n checkout --as=system:serviceaccount:checkout:ci-deployer
# The pipeline runs `kubectl set image` and `kubectl rollout status`: it reads, patches and
# watches Deployments. Recreate the Role with exactly that; the RoleBinding keeps pointing at it.
kubectl -n checkout delete role ci-deployer
kubectl -n checkout create role ci-deployer --verb=get,list,watch,patch,update --resource=deployments.apps
kubectl auth can-i list secrets -n checkout --as=system:serviceaccount:checkout:ci-deployer || true
kubectl auth can-i patch deployments/checkout -n checkout --as=system:serviceaccount:checkout:ci-deployer
