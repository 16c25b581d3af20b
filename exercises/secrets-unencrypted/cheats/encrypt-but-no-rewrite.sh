# Not a fix: the API server now encrypts every Secret it writes, but $secret was written
# before and nobody rewrote it: it still sits in etcd (and in every backup) in clear text.
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
sed -i 's|^\(\s*\)- kube-apiserver$|&\n\1- --encryption-provider-config=/etc/kubernetes/enc/encryption.yaml|' /etc/kubernetes/manifests/kube-apiserver.yaml
sleep 2
for i in $(seq 60); do kubectl get --raw=/readyz >/dev/null 2>&1 && break; sleep 1; done
kubectl -n "$ns" get secret "$secret"
