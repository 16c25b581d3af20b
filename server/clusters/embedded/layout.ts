import path from 'node:path';

/** Where each file of one embedded cluster lives on the host. Everything is under `root`,
 * so disposing the cluster is one unmount and one recursive delete. `etc`, `varLog` and
 * `logs` are size-limited tmpfs mounts (the learner's quota, and the logs' bound). */
export function clusterLayout(root: string) {
  const etc = path.join(root, 'etc', 'kubernetes');
  const varLog = path.join(root, 'var', 'log', 'kubernetes');
  const priv = path.join(root, 'private');
  return {
    root,
    owner: path.join(root, 'owner.json'),
    /** Unix sockets the host reaches the cluster's network namespace through. */
    run: path.join(root, 'run'),
    apiSocket: path.join(root, 'run', 'api.sock'),
    etcdSocket: path.join(root, 'run', 'etcd.sock'),
    /** Shown to the learner as /etc/kubernetes. */
    etc,
    manifests: path.join(etc, 'manifests'),
    manifest: path.join(etc, 'manifests', 'kube-apiserver.yaml'),
    pki: path.join(etc, 'pki'),
    /** Shown to the learner as /var/log/kubernetes. */
    varLog,
    /** Never shown to the learner. */
    private: priv,
    etcdData: path.join(priv, 'etcd'),
    logs: path.join(priv, 'logs'),
    /** Written by the node's supervisor only; shown to the learner read-only as
     * /var/log/kubernetes/kube-apiserver.log. */
    apiServerLog: path.join(priv, 'logs', 'kube-apiserver.log'),
    kubeconfigs: path.join(priv, 'kubeconfig'),
    kubeconfig: (who: string) => path.join(priv, 'kubeconfig', `${who}.conf`),
    kwokConfig: path.join(priv, 'kwok'),
    forwardLog: path.join(priv, 'logs', 'batten-forward.log'),
  };
}
export type ClusterLayout = ReturnType<typeof clusterLayout>;
