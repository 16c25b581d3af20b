# Not a fix: the same hostPath, mounted at a path nobody would look at; and a narrower
# sub-directory that still holds every pod's volumes.
kubectl -n monitoring patch deployment log-shipper --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/volumes/0", "value": {"name": "node", "hostPath": {"path": "/var/lib/kubelet/pods"}}},
  {"op": "replace", "path": "/spec/template/spec/containers/0/volumeMounts/0/mountPath", "value": "/usr/share/misc/cache"}
]'
kubectl -n monitoring rollout status deployment/log-shipper --timeout=120s
