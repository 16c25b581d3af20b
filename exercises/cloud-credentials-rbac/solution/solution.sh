# 1. The collector reads only its own TLS Secret, in its own namespace.
kubectl patch clusterrole "$collector_role" --type=json -p '[{"op":"remove","path":"/rules/1"}]'
kubectl -n "$mon_ns" create role "read-$tls" --verb=get,watch --resource=secrets --resource-name="$tls"
kubectl -n "$mon_ns" create rolebinding "$collector-$tls" --role="read-$tls" --serviceaccount="$mon_ns:$collector"
# 2. The cloud credentials Role is bound to the autoscaler only.
kubectl -n kube-system delete rolebinding "$everyone"
kubectl auth can-i get "secret/$creds" -n kube-system --as="system:serviceaccount:$mon_ns:$collector" || true
