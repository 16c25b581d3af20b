kubectl describe clusterrole "$role"
# Approving needs approve on the signer named after the CSR's signerName: name the mesh's only.
kubectl replace -f - <<YAML
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: $role
rules:
  - apiGroups: [certificates.k8s.io]
    resources: [certificatesigningrequests]
    verbs: [get, list, watch, create, delete]
  - apiGroups: [certificates.k8s.io]
    resources: [certificatesigningrequests/approval]
    verbs: [update]
  - apiGroups: [certificates.k8s.io]
    resources: [signers]
    resourceNames: [mesh.example.com/workload]
    verbs: [approve]
YAML
# kubectl auth can-i does not know signers (they are not a real resource): ask the API
# server directly, as the approval check does.
for signer in kubernetes.io/kube-apiserver-client 'kubernetes.io/*' mesh.example.com/workload; do
  printf '%s: ' "$signer"
  kubectl create -o jsonpath='{.status.allowed}{"\n"}' -f - <<YAML
apiVersion: authorization.k8s.io/v1
kind: SubjectAccessReview
spec:
  user: $user
  resourceAttributes: { group: certificates.k8s.io, resource: signers, verb: approve, name: "$signer" }
YAML
done
