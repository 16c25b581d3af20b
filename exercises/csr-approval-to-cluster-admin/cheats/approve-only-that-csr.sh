# Not a fix: $user may now approve only the CSR named mesh-payments, but for any signer. CSR
# names are chosen by whoever creates them: $user deletes mesh-payments and submits a
# kube-apiserver-client request under that name.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $role }
rules:
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list, watch, create, delete] }
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], resourceNames: [mesh-payments], verbs: [update] }
  - { apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve] }
YAML
