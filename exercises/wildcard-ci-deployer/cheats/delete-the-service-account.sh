# Not a fix: no account, no leaked key to abuse, but no deploys either.
kubectl -n checkout delete serviceaccount ci-deployer
kubectl -n checkout delete rolebinding ci-deployer
kubectl -n checkout delete role ci-deployer
