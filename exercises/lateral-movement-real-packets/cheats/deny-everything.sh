# Not a fix: nothing reaches the database any more, but nothing reaches anything: web loses
# $api, $api loses the database.
for n in "$ns" "$data_ns"; do
kubectl apply -n "$n" -f - <<YAML
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: default-deny-ingress }
spec:
  podSelector: {}
  policyTypes: [Ingress]
YAML
done
