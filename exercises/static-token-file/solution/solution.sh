# Who is ops-admin? No service account, no certificate: a line of the static token file.
grep -n -- '--token-auth-file' /etc/kubernetes/manifests/kube-apiserver.yaml
cat /etc/kubernetes/auth/tokens.csv
# The file is read once, at start: drop the flag so the API server restarts without it.
sed -i '/--token-auth-file=/d' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
# Nothing reads it any more: delete it, and the bindings its users held.
rm /etc/kubernetes/auth/tokens.csv
kubectl delete clusterrolebinding "$binding" "$backup_binding"
