kubectl auth can-i --list --as="system:serviceaccount:$ns:$agent"
kubectl get clusterrolebindings -o wide | grep "$ns/$agent"
kubectl describe clusterrole "$role"
# The agent scrapes the kubelets' /metrics (nodes/metrics) and discovers nodes and pods.
# nodes/proxy (the whole kubelet API) and serviceaccounts/token go.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: $role
rules:
  - apiGroups: [""]
    resources: [nodes]
    verbs: [get, list, watch]
  - apiGroups: [""]
    resources: [nodes/metrics]
    verbs: [get]
  - apiGroups: [""]
    resources: [pods]
    verbs: [get, list, watch]
YAML
kubectl auth can-i get nodes/proxy --as="system:serviceaccount:$ns:$agent" || true
kubectl auth can-i create serviceaccounts/token -n kube-system --as="system:serviceaccount:$ns:$agent" || true
