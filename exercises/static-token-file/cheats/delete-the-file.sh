# Not a fix: the API server read the file when it started and keeps the tokens in memory;
# both tokens keep working until it restarts (and then it would not start at all).
rm /etc/kubernetes/auth/tokens.csv
kubectl delete clusterrolebinding "$binding"
