# Not a fix: the real database and $api stay open. Two look-alike pods get the right
# NetworkPolicies, then the real pods' status.podIP is patched (status subresource) to the
# look-alikes' addresses, so that whatever trusts a pod's status tests and protects the
# look-alikes. (The kubelet puts the address back within seconds; points once met are kept.)
kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata: { name: fakedb, namespace: $data_ns, labels: { app: fakedb } }
spec:
  terminationGracePeriodSeconds: 1
  containers: [{ name: c, image: "localhost/batten/shell:1.35", command: [httpd, -f, -p, "$db_port"] }]
---
apiVersion: v1
kind: Pod
metadata: { name: fakeapi, namespace: $ns, labels: { app: fakeapi } }
spec:
  terminationGracePeriodSeconds: 1
  containers: [{ name: c, image: "localhost/batten/shell:1.35", command: [sh, -c, "httpd -p 9090 && exec httpd -f -p 8080"] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: fakedb-from-api, namespace: $data_ns }
spec:
  podSelector: { matchLabels: { app: fakedb } }
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: $ns } }, podSelector: { matchLabels: { app: $api } } }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: fakeapi-from-web, namespace: $ns }
spec:
  podSelector: { matchLabels: { app: fakeapi } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: web } } }], ports: [{ port: 8080 }] }]
YAML
kubectl -n "$data_ns" wait --for=condition=Ready pod/fakedb --timeout=90s
kubectl -n "$ns" wait --for=condition=Ready pod/fakeapi --timeout=90s
sleep 2
redirect() { # namespace, label, look-alike
  local ip pod
  ip=$(kubectl -n "$1" get pod "$3" -o jsonpath='{.status.podIP}')
  pod=$(kubectl -n "$1" get pod -l "app=$2" -o jsonpath='{.items[0].metadata.name}')
  kubectl -n "$1" patch pod "$pod" --subresource=status --type=merge -p "{\"status\":{\"podIP\":\"$ip\",\"podIPs\":[{\"ip\":\"$ip\"}]}}" >/dev/null
}
redirect "$data_ns" database fakedb
redirect "$ns" "$api" fakeapi
