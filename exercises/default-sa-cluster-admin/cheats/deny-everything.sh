# Not a fix: replacing the binding with nothing at all also takes the app's own Role away.
kubectl delete clusterrolebinding shop-default-admin
kubectl -n shop delete rolebinding web-reads-config
