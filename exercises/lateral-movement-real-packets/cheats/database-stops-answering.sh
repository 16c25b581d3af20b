# Not a fix: the database listens on another port than the one it declares, so a
# connection to $db_port is refused; but refused means the packets arrived: the network
# still lets the attacker in, and $api loses its database.
kubectl -n "$data_ns" patch deployment database --type=json -p='[
  {"op": "replace", "path": "/spec/template/spec/containers/0/command", "value": ["httpd", "-f", "-p", "6543"]}
]'
kubectl -n "$data_ns" rollout status deployment/database --timeout=120s
