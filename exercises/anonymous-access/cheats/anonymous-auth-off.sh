# Not a fix here: turning anonymous authentication off also breaks the anonymous health
# checks the load balancers depend on.
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --anonymous-auth=false|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
