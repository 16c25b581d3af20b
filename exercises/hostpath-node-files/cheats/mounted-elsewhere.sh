# Not a fix: the same hostPath, mounted at a path nobody would look at; and a narrower
# sub-directory that still holds every pod's volumes.
kubectl -n "$ns" patch deployment "$deploy" --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/volumes/0", "value": {"name": "node", "hostPath": {"path": "/var/lib/kubelet/pods"}}},
  {"op": "replace", "path": "/spec/template/spec/containers/0/volumeMounts/0/mountPath", "value": "/usr/share/misc/cache"}
]'
kubectl -n "$ns" rollout status deployment/"$deploy" --timeout=120s
