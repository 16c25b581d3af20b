import path from 'node:path';

/** Where one kind cluster keeps its files on the host. Pure. */
export interface KindLayout {
  root: string;
  /** The node's /etc/kubernetes (a size-limited tmpfs). */
  etc: string;
  /** The node's /var/log/kubernetes (a size-limited tmpfs). */
  varLog: string;
  /** The kind configuration Batten wrote for this cluster. */
  config: string;
  /** kind's own admin kubeconfig (kind writes it here, never to ~/.kube/config). */
  adminKubeconfig: string;
  /** The socket the learner's shell reaches the API server through. */
  apiSocket: string;
  owner: string;
  kubeconfig(identity: 'learner' | 'checker'): string;
}

export function kindLayout(root: string): KindLayout {
  return {
    root,
    etc: path.join(root, 'etc-kubernetes'),
    varLog: path.join(root, 'var-log-kubernetes'),
    config: path.join(root, 'kind.yaml'),
    adminKubeconfig: path.join(root, 'kind-admin.kubeconfig'),
    apiSocket: path.join(root, 'api.sock'),
    owner: path.join(root, 'owner.json'),
    kubeconfig: (identity) => path.join(root, `${identity}.kubeconfig`),
  };
}
