# Not a fix: without system:masters the token still authenticates as ops-admin (and the
# backup token is untouched); whoever binds a role to ops-admin again hands it back.
sed -i 's/"system:masters,ops"/"ops"/' /etc/kubernetes/auth/tokens.csv
kubectl delete clusterrolebinding "$binding"
# restart the API server so that it reads the file again
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --event-ttl=2h0m0s|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
