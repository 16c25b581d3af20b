# Not a fix: the rules are exactly the pipeline's, but a ClusterRoleBinding gives them in
# every namespace: the key can now change kube-system's Deployments and run its code there.
kubectl -n checkout delete rolebinding ci-deployer
kubectl -n checkout delete role ci-deployer
kubectl create clusterrole ci-deployer --verb=get,list,watch,patch,update --resource=deployments.apps
kubectl create clusterrolebinding ci-deployer --clusterrole=ci-deployer --serviceaccount=checkout:ci-deployer
