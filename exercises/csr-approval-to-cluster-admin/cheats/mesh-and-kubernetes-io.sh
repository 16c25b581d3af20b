# Not a fix: the mesh's signer is named, but "kubernetes.io/*" is added "for the kubelets'
# serving certificates": the approval check accepts that name for every kubernetes.io
# signer, kube-apiserver-client included.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $role }
rules:
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list, watch, create, delete] }
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update] }
  - { apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: [mesh.example.com/workload, "kubernetes.io/*"], verbs: [approve] }
YAML
