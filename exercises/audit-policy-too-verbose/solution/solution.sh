# Which rule matches a Secret? The first one naming secrets, at RequestResponse: the whole
# object the API server answers with goes into the log. Give Secrets their own rule at
# Metadata, first; ConfigMaps keep theirs.
cat > /etc/kubernetes/audit/policy.yaml <<'YAML'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: None
    resources:
      - group: coordination.k8s.io
        resources: [leases]
  - level: None
    nonResourceURLs: ["/healthz*", "/readyz*", "/livez*", "/version"]
  # Secrets (and the tokens the API server issues): who, what, when; never the value
  - level: Metadata
    resources:
      - group: ""
        resources: [secrets, serviceaccounts/token]
      - group: authentication.k8s.io
        resources: [tokenreviews]
  - level: RequestResponse
    resources:
      - group: ""
        resources: [configmaps]
  - level: RequestResponse
    verbs: [create, update, patch, delete, deletecollection]
  - level: Metadata
YAML
# The policy is read at start: take the static pod away and give it back.
mv /etc/kubernetes/manifests/kube-apiserver.yaml /etc/kubernetes/kube-apiserver.yaml
sleep 3
mv /etc/kubernetes/kube-apiserver.yaml /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
kubectl -n "$ns" get secret "$secret" >/dev/null
tail -n 1 /var/log/kubernetes/audit/audit.log
