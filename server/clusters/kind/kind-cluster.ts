import path from 'node:path';
import { apiRequest, type TlsClient } from '../../kube/api-client.ts';
import { etcdRead } from '../../kube/etcd-read.ts';
import { forwardUnixToTcp, type Forward } from '../../host/forward.ts';
import { removeClusterDir } from '../cluster-dir.ts';
import { ClusterError } from '../errors.ts';
import { openLearnerShell } from '../host-shell/learner-shell.ts';
import { runScript } from '../host-shell/run-script.ts';
import type { ClusterPki } from '../pki.ts';
import { writeIdentityKubeconfigs } from '../identity-kubeconfigs.ts';
import { clusterClient } from '../../kube/kube-client.ts';
import type { Capability, Cluster, ClusterEndpoint, ConnectionOutcome, ConnectionTest, Credentials, NodeFiles, ScriptOptions, ScriptResult, ShellLaunch, ShellLimits } from '../provider.ts';
import type { KindEngine } from './engine.ts';
import type { KindLayout } from './layout.ts';
import { NetworkPolicyEnforcer } from './network-policy-enforcer.ts';
import { connectionArgs, CONNECTIONS_PER_ROUND, MAX_CONNECTIONS, parseConnectionOutcomes, TRY_CONNECTIONS_SCRIPT } from './try-connections.ts';

export interface KindClusterParts {
  name: string;
  layout: KindLayout;
  pki: ClusterPki;
  engine: KindEngine;
  /** The node container, as `inspectNode` found it after `kind create`. */
  node: { container: string; ip: string; apiPort: number; cgroupPath: string };
  kubectl: string;
  shellForward: string;
  /** Called once everything of the cluster is gone. */
  onDisposed?: () => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One kind cluster: a privileged node container running kubeadm's control plane and a
 * real kubelet and containerd, on a podman network of its own. The platform reaches its
 * API server at the host port kind published on 127.0.0.1, and the learner's shell (on
 * the host, sandboxed as for the embedded provider) through a Unix socket bridged to it.
 * The node's /etc/kubernetes and /var/log/kubernetes are size-limited host directories
 * both the node and the shell see.
 */
export class KindCluster implements Cluster {
  readonly capabilities: readonly Capability[] = ['api', 'nodes', 'runtime', 'network'];
  readonly createdAt = Date.now();
  readonly endpoint: ClusterEndpoint;
  readonly nodeFiles: NodeFiles;
  private shellSocket: Forward | undefined;
  /** Enforces the cluster's NetworkPolicies on the node, once the API server is up. */
  networkPolicies: NetworkPolicyEnforcer | undefined;
  private disposed: Promise<void> | undefined;

  constructor(private readonly p: KindClusterParts) {
    this.endpoint = { server: `https://127.0.0.1:${p.node.apiPort}`, caPem: p.pki.ca.certPem };
    this.nodeFiles = {
      etcKubernetes: p.layout.etc,
      varLogKubernetes: p.layout.varLog,
      apiServerManifest: path.join(p.layout.etc, 'manifests', 'kube-apiserver.yaml'),
    };
  }

  get name(): string {
    return this.p.name;
  }

  credentials(identity: 'learner' | 'checker'): Credentials {
    return this.p.pki.clients[identity];
  }

  kubeconfigPath(identity: 'learner' | 'checker'): string {
    return this.p.layout.kubeconfig(identity);
  }

  /** Writes the identities' kubeconfigs, opens the shells' socket, and waits until the
   * node is Ready and the default service account exists. */
  async start(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await writeIdentityKubeconfigs(this);
    this.shellSocket = await forwardUnixToTcp(this.p.layout.apiSocket, this.p.node.apiPort);
    await this.until(deadline, 'the API server to become ready', () => this.status('/readyz').then((s) => s === 200));
    await this.until(deadline, 'the node to become Ready', () => this.nodeReady());
    await this.until(deadline, 'the default service account to exist', () => this.status('/api/v1/namespaces/default/serviceaccounts/default').then((s) => s === 200));
    this.networkPolicies = new NetworkPolicyEnforcer({
      kube: clusterClient(this, 'checker'),
      apply: async (ruleset) => {
        const r = await this.p.engine.nodeExec(this.p.node.container, ['nft', '-f', '-'], { input: ruleset });
        if (r.code !== 0) throw new Error(`nft -f failed (${r.code}): ${r.stderr.trim().split('\n').slice(0, 3).join(' ')}`);
      },
    });
  }

  async tryConnections(tests: readonly ConnectionTest[]): Promise<ConnectionOutcome[]> {
    const stale = this.networkPolicies?.lastError;
    if (stale) throw new ClusterError(`the cluster's NetworkPolicies are not all enforced: ${stale}`, 'delete the NetworkPolicies and pods the exercise does not need; if that does not help, restart the exercise');
    if (tests.length > MAX_CONNECTIONS) throw new ClusterError(`${tests.length} connections to try: at most ${MAX_CONNECTIONS}`, 'delete the pods the exercise does not need');
    const out: ConnectionOutcome[] = [];
    for (let i = 0; i < tests.length; i += CONNECTIONS_PER_ROUND) {
      const round = tests.slice(i, i + CONNECTIONS_PER_ROUND);
      const r = await this.p.engine.nodeExec(this.p.node.container, ['bash', '-c', TRY_CONNECTIONS_SCRIPT, 'batten-try-connections', ...connectionArgs(round)], { timeoutMs: 20_000 });
      out.push(...parseConnectionOutcomes(round, r));
    }
    return out;
  }

  private client(): TlsClient {
    return { server: this.endpoint.server, caPem: this.endpoint.caPem, ...this.credentials('checker') };
  }

  private async status(p: string): Promise<number> {
    return (await apiRequest(this.client(), 'GET', p, undefined, 2000)).status;
  }

  private async nodeReady(): Promise<boolean> {
    const res = await apiRequest(this.client(), 'GET', '/api/v1/nodes', undefined, 2000);
    if (res.status !== 200) return false;
    const items = res.json<{ items: { status?: { conditions?: { type: string; status: string }[] } }[] }>().items;
    return items.length > 0 && items.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  }

  private async until(deadline: number, what: string, check: () => Promise<boolean>): Promise<void> {
    while (!this.disposed) {
      if (await check().catch(() => false)) return;
      if (Date.now() > deadline) throw new ClusterError(`kind cluster ${this.name}: timed out waiting for ${what}`, `read the node's logs (podman logs ${this.p.node.container}); if the machine is busy, raise CLUSTER_START_TIMEOUT_SECONDS`);
      await sleep(250);
    }
    throw new ClusterError(`kind cluster ${this.name} was disposed while waiting for ${what}`, 'none: the cluster was stopped on purpose');
  }

  async waitReady(timeoutMs = 30_000): Promise<void> {
    await this.until(Date.now() + timeoutMs, 'the API server to become ready', () => this.status('/readyz').then((s) => s === 200));
  }

  openShell(o: { dir: string; limits: ShellLimits }): Promise<ShellLaunch> {
    return openLearnerShell({ ...o, caPem: this.endpoint.caPem, learner: this.credentials('learner'), nodeFiles: this.nodeFiles, apiSocket: this.p.layout.apiSocket, kubectl: this.p.kubectl, forward: this.p.shellForward });
  }

  runScript(script: string, o?: ScriptOptions): Promise<ScriptResult> {
    return runScript(script, { nodeFiles: this.nodeFiles, kubeconfig: this.kubeconfigPath('learner'), kubectl: this.p.kubectl }, o);
  }

  /** etcd on the node's own address (its network is reachable from the host only), with
   * a client certificate of the CA Batten gave kubeadm for etcd. */
  etcdGet(key: string): Promise<Buffer | undefined> {
    const c = this.p.pki.checkerEtcdClient;
    return etcdRead({ server: `https://${this.p.node.ip}:2379`, caPem: this.p.pki.ca.certPem, certPem: c.certPem, keyPem: c.keyPem }, key);
  }

  memory(): Promise<{ rssBytes: number; anonBytes: number; pssBytes: number }> {
    return this.p.engine.memory(this.p.node.cgroupPath, this.p.node.container);
  }

  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      this.networkPolicies?.dispose();
      await this.shellSocket?.close();
      await disposeKindCluster(this.p.engine, this.p.name, this.p.layout);
      this.p.onDisposed?.();
    })();
    return this.disposed;
  }
}

/** Deletes a kind cluster's node containers, its network and its directory (also what
 * garbage collection and a failed start use). */
export async function disposeKindCluster(engine: KindEngine, name: string, layout: KindLayout): Promise<void> {
  await engine.deleteCluster(name, layout.adminKubeconfig);
  await engine.removeNetwork(name);
  await removeClusterDir(layout.root);
}
