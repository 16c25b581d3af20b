# Not a fix: "node-1 cannot touch node-2 if there is no node-2". The kubelet would register
# it again, and node-1 may still create it, label it and start pods on it.
kubectl drain node-2 --ignore-daemonsets --delete-emptydir-data --force --timeout=60s || true
kubectl delete node node-2
