# 1. The policy: the first rule that matches decides. Secrets (and other objects that carry
#    credentials) at Metadata: who, what, when, never the content. Then changes in full.
mkdir -p /etc/kubernetes/audit
cat > /etc/kubernetes/audit/policy.yaml <<'YAML'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets, configmaps, serviceaccounts/token]
      - group: authentication.k8s.io
        resources: [tokenreviews]
  - level: RequestResponse
    verbs: [create, update, patch, delete, deletecollection]
  - level: Metadata
YAML
# 2. Point the API server at it, with a log file and size limits; the node restarts it.
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --audit-policy-file=/etc/kubernetes/audit/policy.yaml\n\1- --audit-log-path=/var/log/kubernetes/audit/audit.log\n\1- --audit-log-format=json\n\1- --audit-log-maxsize=10\n\1- --audit-log-maxbackup=3\n\1- --audit-log-maxage=7|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
kubectl -n "$ns" get secret "$secret" >/dev/null
tail -n 3 /var/log/kubernetes/audit/audit.log
