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
  /** A Unix socket on the host reaching the same API server directly, where the provider
   * has one: the platform's own clients use it and skip the TCP forward (`server` is for
   * tools that need TCP). */
  socketPath?: string;
}

export interface Credentials {
  certPem: string;
  keyPem: string;
}

/** Host paths of the files that, on a kubeadm node, live in /etc/kubernetes and
 * /var/log/kubernetes (providers with the `nodes` capability). */
export interface NodeFiles {
  /** Host directory shown to the learner as /etc/kubernetes. */
  etcKubernetes: string;
  /** Host directory shown to the learner as /var/log/kubernetes. */
  varLogKubernetes: string;
  /** The static-pod manifest; editing it restarts the API server. */
  apiServerManifest: string;
  /** The API server's log (host file the learner cannot write), shown read-only as
   * /var/log/kubernetes/kube-apiserver.log. */
  apiServerLog?: string;
}

/** What a learner's shell may use. */
export interface ShellLimits {
  /** Processes and threads at once: a fork bomb stops here. */
  pids: number;
  memoryBytes: number;
  /** Open files per process (soft and hard limit: the learner cannot raise it). */
  openFiles: number;
  /** Largest file the shell may write (soft and hard). */
  fileBytes: number;
}

/**
 * A learner's shell as its provider starts it, confined the provider's way: the terminal
 * runs `file` with `args` in a pty and relays it (scrollback, flow control, reattach), and
 * knows nothing else about it.
 */
export interface ShellLaunch {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Host PIDs of every process of the shell. */
  pids(): Promise<number[]>;
  /** Kills every process of the shell and removes its files. Idempotent. */
  dispose(): Promise<void>;
}

export interface ScriptOptions {
  /** Extra environment variables; names are lower case (`ns`), so they never replace PATH or HOME. */
  env?: Readonly<Record<string, string>>;
  timeoutMs?: number;
}

/** A TCP connection a provider with the `network` capability opens for real, from inside
 * the network namespace of the pod whose address is `fromPodIp`. */
export interface ConnectionTest {
  fromPodIp: string;
  toIp: string;
  port: number;
}

/** connected; refused (the packets arrived and nothing listens); blocked (no answer). */
export type ConnectionOutcome = 'connected' | 'refused' | 'blocked';

export interface ScriptResult {
  code: number;
  output: string;
}

/**
 * One learner's cluster. Every provider gives a connection (endpoint, credentials,
 * kubeconfig) and a way to open the learner's shell and run scripts as the learner would;
 * what only some providers have is optional and matches the capabilities they state.
 */
export interface Cluster {
  readonly name: string;
  readonly capabilities: readonly Capability[];
  readonly endpoint: ClusterEndpoint;
  readonly createdAt: number;
  /** Client certificate of an identity (undefined for anonymous). */
  credentials(identity: Exclude<Identity, 'anonymous'>): Credentials;
  /** Path of a kubeconfig file for an identity, as the host reaches the cluster. */
  kubeconfigPath(identity: Exclude<Identity, 'anonymous'>): string;
  /** Starts the learner's shell on the cluster's node; `dir` is a private directory for
   * its files, removed by the caller after `dispose()`. */
  openShell(o: { dir: string; limits: ShellLimits }): Promise<ShellLaunch>;
  /** Runs an exercise script (setup, solution, cheat) as the learner would type it, with
   * the exercise's parameters as environment variables. */
  runScript(script: string, o?: ScriptOptions): Promise<ScriptResult>;
  /** The node's control-plane files (`nodes` capability). */
  readonly nodeFiles?: NodeFiles;
  /** Raw read of an etcd key, undefined when the key is absent (for the `etcd` probe;
   * providers whose etcd the platform can reach). */
  etcdGet?(key: string): Promise<Buffer | undefined>;
  /** Opens each connection for real (`network` capability: the provider's pods exchange
   * packets and its NetworkPolicies are enforced). Throws when a source pod has no network
   * of its own on the node. */
  tryConnections?(tests: readonly ConnectionTest[]): Promise<ConnectionOutcome[]>;
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
  /** Everything this server process holds on the host for its clusters (directories,
   * mounts, cgroups, containers, networks…), named for a person: empty once every
   * cluster is disposed. */
  held(): Promise<string[]>;
}
