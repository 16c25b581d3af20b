# Not a fix: "Secret values must not be in the log", so Secrets are not logged at all: the
# next password theft leaves no trace.
mkdir -p /etc/kubernetes/audit
cat > /etc/kubernetes/audit/policy.yaml <<'YAML'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    resources:
      - group: ""
        resources: [secrets]
  - level: RequestResponse
    verbs: [create, update, patch, delete, deletecollection]
  - level: Metadata
YAML
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --audit-policy-file=/etc/kubernetes/audit/policy.yaml\n\1- --audit-log-path=/var/log/kubernetes/audit/audit.log\n\1- --audit-log-maxsize=10\n\1- --audit-log-maxbackup=3|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
