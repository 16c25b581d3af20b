# Not a fix: resourceNames ["*"] looks like "every signer", but RBAC names are exact strings:
# no signer is called "*", so $user can no longer approve the mesh's requests either.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $role }
rules:
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list, watch, create, delete] }
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update] }
  - { apiGroups: [certificates.k8s.io], resources: [signers], resourceNames: ["*"], verbs: [approve] }
YAML
