# Not a fix: replacing the binding with nothing at all also takes the app's own Role away.
kubectl delete clusterrolebinding "$binding"
kubectl -n "$ns" delete rolebinding "$app-reads-config"
