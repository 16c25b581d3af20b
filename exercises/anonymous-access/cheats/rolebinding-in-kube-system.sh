# Not a fix: the cluster-wide binding is gone, but a RoleBinding gives everyone
# unauthenticated the same read access in kube-system (or any other namespace).
kubectl delete clusterrolebinding "$binding"
kubectl apply -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: public-read, namespace: kube-system }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: $role }
subjects:
  - { apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:unauthenticated }
YAML
