# 1. The collector reads only its own TLS Secret, in its own namespace.
kubectl patch clusterrole metrics-collector --type=json -p '[{"op":"remove","path":"/rules/1"}]'
kubectl -n monitoring create role read-scrape-tls --verb=get,watch --resource=secrets --resource-name=scrape-tls
kubectl -n monitoring create rolebinding collector-scrape-tls --role=read-scrape-tls --serviceaccount=monitoring:collector
# 2. The cloud credentials Role is bound to the autoscaler only.
kubectl -n kube-system delete rolebinding cloud-credentials-controllers
kubectl auth can-i get secret/cloud-provider-credentials -n kube-system --as=system:serviceaccount:monitoring:collector || true
