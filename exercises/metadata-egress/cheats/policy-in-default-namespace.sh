# Not a fix: a NetworkPolicy selects pods of its own namespace only; applied without -n it
# lands in default and the shop's pods are as free as before.
kubectl apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-no-cloud-metadata
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] }
YAML
