# 1. An encryption configuration: AES-CBC with a fresh key, identity last so existing
#    clear-text Secrets stay readable until they are rewritten.
mkdir -p /etc/kubernetes/enc
cat > /etc/kubernetes/enc/encryption.yaml <<YAML
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - aescbc:
          keys:
            - name: key1
              secret: $(head -c 32 /dev/urandom | base64)
      - identity: {}
YAML
# 2. Point the API server at it; the node restarts it.
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --encryption-provider-config=/etc/kubernetes/enc/encryption.yaml|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
# 3. Rewrite every Secret so it is stored encrypted.
kubectl get secrets -A -o json | kubectl replace -f -
