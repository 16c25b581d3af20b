# Not a fix: the right policy, but no --audit-log-path: the API server has nowhere to write
# the events, and the audit log stays empty.
mkdir -p /etc/kubernetes/audit
cat > /etc/kubernetes/audit/policy.yaml <<'YAML'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets, configmaps]
  - level: RequestResponse
    verbs: [create, update, patch, delete, deletecollection]
  - level: Metadata
YAML
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --audit-policy-file=/etc/kubernetes/audit/policy.yaml|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
