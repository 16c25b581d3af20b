# Not a fix: nothing leaks from a pod that does not run.
kubectl -n billing scale deployment invoices --replicas=0
kubectl -n billing wait --for=delete pod -l app=invoices --timeout=60s
