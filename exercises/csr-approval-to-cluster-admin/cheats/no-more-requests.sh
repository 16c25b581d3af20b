# Not a fix: $user can no longer submit requests, but still approves any request for any
# signer (anyone's, or one a colleague is tricked into submitting); and submitting the
# mesh's requests was part of the job.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: $role }
rules:
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests], verbs: [get, list, watch] }
  - { apiGroups: [certificates.k8s.io], resources: [certificatesigningrequests/approval], verbs: [update] }
  - { apiGroups: [certificates.k8s.io], resources: [signers], verbs: [approve] }
YAML
