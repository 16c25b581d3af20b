# Not a fix: encryption is configured, loaded and everything rewritten, but for the wrong
# resource: ConfigMaps are encrypted, Secrets still are not.
mkdir -p /etc/kubernetes/enc
cat > /etc/kubernetes/enc/encryption.yaml <<YAML
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [configmaps]
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
kubectl get configmaps,secrets -A -o json | kubectl replace -f -
