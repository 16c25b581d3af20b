# The admission plugin that limits a kubelet to its own Node and its own mirror pods is
# missing from the list.
grep -- --enable-admission-plugins /etc/kubernetes/manifests/kube-apiserver.yaml
sed -i 's|--enable-admission-plugins=\(.*\)$|--enable-admission-plugins=\1,NodeRestriction|' /etc/kubernetes/manifests/kube-apiserver.yaml
grep -- --enable-admission-plugins /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
# node-1 may no longer start pods, nor touch node-2:
kubectl create --dry-run=server --as=system:node:node-1 --as-group=system:nodes -f - <<YAML || echo "refused, as it should be"
apiVersion: v1
kind: Pod
metadata: { name: steal, namespace: $ns }
spec:
  nodeName: node-2
  containers: [{ name: c, image: busybox:1.36 }]
YAML
