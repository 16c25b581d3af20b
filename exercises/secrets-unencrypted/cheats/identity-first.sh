# Not a fix: the configuration names aescbc, the API server loads it and every Secret is
# rewritten, but identity is listed first, and the first provider is the one that writes:
# Secrets are still stored in clear ("identity" means no encryption at all).
mkdir -p /etc/kubernetes/enc
cat > /etc/kubernetes/enc/encryption.yaml <<YAML
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - identity: {}
      - aescbc:
          keys:
            - name: key1
              secret: $(head -c 32 /dev/urandom | base64)
YAML
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --encryption-provider-config=/etc/kubernetes/enc/encryption.yaml|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
kubectl get secrets -A -o json | kubectl replace -f -
