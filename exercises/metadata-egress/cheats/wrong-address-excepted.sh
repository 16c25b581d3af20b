# Not a fix: a typo in the except (.245 for .254): the metadata service is still inside
# 0.0.0.0/0.
kubectl -n "$ns" apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-no-cloud-metadata
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
          podSelector: { matchLabels: { k8s-app: kube-dns } }
      ports:
        - { protocol: UDP, port: 53 }
        - { protocol: TCP, port: 53 }
    - to:
        - podSelector: {}
    - to:
        - ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.245/32] }
YAML
