# Not a fix: the token is the credential, not the name next to it: renamed, it still
# authenticates, still in system:masters.
sed -i 's/,ops-admin,/,ops-admin-disabled,/' /etc/kubernetes/auth/tokens.csv
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --event-ttl=2h0m0s|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
