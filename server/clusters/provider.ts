/** What a cluster can do. Every provider states its own; exercises list what they need. */
export type Capability = 'api' | 'nodes' | 'runtime' | 'network';
export const CAPABILITIES: readonly Capability[] = ['api', 'nodes', 'runtime', 'network'];

/** The identities a cluster hands out. The learner is admin of their cluster; the
 * checker is a separate admin the learner never sees; anonymous carries no credentials. */
export type Identity = 'learner' | 'checker' | 'anonymous';

export interface ClusterOptions {
  /** Extra kube-apiserver flags, without the leading dashes: `{ 'anonymous-auth': 'false' }`. */
  apiServerFlags?: Record<string, string>;
  /** Files placed under the node's /etc/kubernetes before start, keyed by path relative to it
   * (`enc/encryption.yaml`), so flags can name `/etc/kubernetes/enc/encryption.yaml`. */
  files?: Record<string, string>;
  /** Number of simulated nodes (default 1). */
  nodes?: number;
  /** Exercise or purpose label, for logs and metrics. */
  label?: string;
}

export interface ClusterEndpoint {
  /** https://127.0.0.1:PORT as the host sees it. */
  server: string;
  /** PEM of the cluster's own CA. */
  caPem: string;
}

export interface Credentials {
  certPem: string;
  keyPem: string;
}

/** Paths of the files that, on a kubeadm node, live in /etc/kubernetes and /var/log/kubernetes. */
export interface ControlPlaneFiles {
  /** Host directory shown to the learner as /etc/kubernetes. */
  etcKubernetes: string;
  /** Host directory shown to the learner as /var/log/kubernetes. */
  varLogKubernetes: string;
  /** The static-pod manifest; editing it restarts the API server. */
  apiServerManifest: string;
  /** The API server's log (host file the learner cannot write), shown read-only as
   * /var/log/kubernetes/kube-apiserver.log. */
  apiServerLog: string;
  /** Unix socket that reaches the API server (for sandboxes that bridge it to a port). */
  apiSocket: string;
}

export interface Cluster {
  readonly name: string;
  readonly capabilities: readonly Capability[];
  readonly endpoint: ClusterEndpoint;
  readonly files: ControlPlaneFiles;
  readonly createdAt: number;
  /** Client certificate of an identity (undefined for anonymous). */
  credentials(identity: Exclude<Identity, 'anonymous'>): Credentials;
  /** Path of a kubeconfig file for an identity. */
  kubeconfigPath(identity: Exclude<Identity, 'anonymous'>): string;
  /** Raw read of an etcd key (used by the `etcd` probe); undefined when the key is absent. */
  etcdGet(key: string): Promise<Buffer | undefined>;
  /** Resolves when the API server answers /readyz, or rejects after timeoutMs. */
  waitReady(timeoutMs?: number): Promise<void>;
  /** Memory of the cluster's whole process tree. */
  memory(): Promise<{ rssBytes: number; anonBytes: number; pssBytes: number }>;
  /** Stops every process and removes every file of the cluster. Idempotent. */
  dispose(): Promise<void>;
}

export interface ClusterProvider {
  readonly name: string;
  readonly capabilities: readonly Capability[];
  create(options?: ClusterOptions): Promise<Cluster>;
  /** Removes what a crashed server left behind (processes, directories). */
  collectGarbage(): Promise<{ removed: string[] }>;
}
