# Not a fix: a Metadata rule for Secrets, added at the end: the first matching rule decides,
# and the RequestResponse rule above it still matches every Secret.
cat >> /etc/kubernetes/audit/policy.yaml <<'YAML'
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets]
YAML
# the policy is read at start: restart the API server
mv /etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/kube-apiserver.yaml
sleep 3
mv /etc/kubernetes/kube-apiserver.yaml /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
