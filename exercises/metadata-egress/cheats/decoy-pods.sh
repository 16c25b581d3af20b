# Not a fix: decoy pods that sort first by name, with the fix applied to them only.
for app in web "$api" "$worker"; do
kubectl -n "$ns" apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata: { name: 0-decoy-$app, labels: { app: $app, decoy: "yes" } }
spec: { containers: [ { name: c, image: busybox:1.36, ports: [ { name: http, containerPort: 8080 } ] } ] }
YAML
done
kubectl -n "$ns" apply -f - <<'YAML'
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: egress-no-cloud-metadata }
spec:
  podSelector: { matchLabels: { decoy: "yes" } }
  policyTypes: [Egress]
  egress:
    - to: [ { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } } ]
      ports: [ { protocol: UDP, port: 53 }, { protocol: TCP, port: 53 } ]
    - to: [ { podSelector: {} } ]
    - to: [ { ipBlock: { cidr: 0.0.0.0/0, except: [169.254.169.254/32] } } ]
YAML
