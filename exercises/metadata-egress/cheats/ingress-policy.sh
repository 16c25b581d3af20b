# Not a fix: an Ingress policy decides who may connect TO the pods; the pods' own
# connections out, to 169.254.169.254 among them, are untouched.
kubectl -n "$ns" apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: block-cloud-metadata
spec:
  podSelector: {}
  policyTypes: [Ingress]
  ingress:
    - from:
        - ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] }
        - podSelector: {}
YAML
