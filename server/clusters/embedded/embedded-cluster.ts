import { lstatSync, watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Cgroup } from '../../host/cgroup.ts';
import { readLearnerFile } from '../../host/learner-files.ts';
import type { Capability, Cluster, ClusterEndpoint, Credentials, NodeFiles, ScriptOptions, ScriptResult, ShellLaunch, ShellLimits } from '../provider.ts';
import { ClusterError } from '../errors.ts';
import { apiRequest, type TlsClient } from '../../kube/api-client.ts';
import { etcdRead } from '../../kube/etcd-read.ts';
import { parseManifest, toArgv } from './apiserver-manifest.ts';
import type { ComponentSpec } from './components.ts';
import { forwardTcpToUnix } from '../../host/forward.ts';
import { failureSummary } from './log-summary.ts';
import type { ClusterLayout } from './layout.ts';
import type { ClusterPki } from '../pki.ts';
import { writeIdentityKubeconfigs } from '../identity-kubeconfigs.ts';
import { descendants, memoryUse, type MemoryUse } from './process-tree.ts';
import { openLearnerShell } from '../host-shell/learner-shell.ts';
import { runScript } from '../host-shell/run-script.ts';
import { SupervisedProcess } from './supervised-process.ts';
import { removeClusterDir } from '../cluster-dir.ts';

/** The manifest is YAML a person edits: a few KiB. Anything larger is refused unread. */
const MAX_MANIFEST_BYTES = 256 * 1024;
const MANIFEST_REL = 'manifests/kube-apiserver.yaml';

export interface EmbeddedClusterParts {
  name: string;
  layout: ClusterLayout;
  pki: ClusterPki;
  forward: ComponentSpec;
  etcd: ComponentSpec;
  apiServer: Omit<ComponentSpec, 'args'>;
  controllers: ComponentSpec[];
  nodes: number;
  /** The control plane's cgroup (memory and CPU limits); every component joins it. */
  cgroup: Cgroup;
  bwrap?: string;
  /** kubectl and the TCP-to-socket forwarder, shown inside the learner's shell. */
  kubectl: string;
  shellForward: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * One running embedded cluster: etcd, kube-apiserver, kube-controller-manager,
 * kube-scheduler and kwok as confined local processes in a network namespace of their
 * own, reached from the host through Unix sockets. It owns its processes, its host
 * forwarder, its manifest watcher and its directory, and releases all of them in
 * `dispose()`.
 */
export class EmbeddedCluster implements Cluster {
  readonly capabilities: readonly Capability[] = ['api', 'nodes'];
  readonly createdAt = Date.now();
  endpoint: ClusterEndpoint;
  readonly nodeFiles: NodeFiles;
  /** Unix socket that reaches the API server (the learner's shell bridges it to a port). */
  readonly apiSocket: string;
  private readonly forward: SupervisedProcess;
  private hostForward: { port: number; close(): Promise<void> } | undefined;
  private readonly etcd: SupervisedProcess;
  private readonly apiServer: SupervisedProcess;
  private readonly controllers: SupervisedProcess[];
  private watcher: FSWatcher | undefined;
  private nodeWatcher: FSWatcher | undefined;
  private appliedManifest = '';
  private reconcileChain: Promise<void> = Promise.resolve();
  private reconcileTimer: NodeJS.Timeout | undefined;
  private disposed: Promise<void> | undefined;

  constructor(private readonly p: EmbeddedClusterParts) {
    this.endpoint = { server: 'https://127.0.0.1:0', caPem: p.pki.ca.certPem, socketPath: p.layout.apiSocket };
    this.nodeFiles = { etcKubernetes: p.layout.etc, varLogKubernetes: p.layout.varLog, apiServerManifest: p.layout.manifest, apiServerLog: p.layout.apiServerLog };
    this.apiSocket = p.layout.apiSocket;
    const cgroupProcs = p.cgroup.procsFiles;
    this.forward = new SupervisedProcess({ ...p.forward, bwrap: p.bwrap, cgroupProcs });
    const netns = () => `/proc/${this.netnsPid}/ns/net`;
    const proc = (s: Omit<ComponentSpec, 'args'> & { args?: string[] }) =>
      new SupervisedProcess({ name: s.name, confine: s.confine, args: s.args ?? [], logFile: s.logFile, restart: true, bwrap: p.bwrap, netns, cgroupProcs });
    this.etcd = proc(p.etcd);
    this.apiServer = proc(p.apiServer);
    this.controllers = p.controllers.map(proc);
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

  openShell(o: { dir: string; limits: ShellLimits }): Promise<ShellLaunch> {
    return openLearnerShell({ ...o, caPem: this.endpoint.caPem, learner: this.credentials('learner'), nodeFiles: this.nodeFiles, apiSocket: this.apiSocket, kubectl: this.p.kubectl, forward: this.p.shellForward });
  }

  runScript(script: string, o?: ScriptOptions): Promise<ScriptResult> {
    return runScript(script, { nodeFiles: this.nodeFiles, kubeconfig: this.kubeconfigPath('learner'), kubectl: this.p.kubectl }, o);
  }

  private netnsPid = 0;
  /** Milliseconds from the start of `start()` to the end of each phase (for the benchmark). */
  readonly startPhases: Record<string, number> = {};

  /** The checker, straight through the API socket (no host TCP hop). */
  private client(): TlsClient {
    return { server: 'https://127.0.0.1', socketPath: this.p.layout.apiSocket, caPem: this.endpoint.caPem, ...this.credentials('checker') };
  }

  /** Starts every component and waits until nodes are Ready and the default service
   * account exists, so that a learner can create a Pod at once. */
  async start(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const t0 = performance.now();
    const phase = (name: string) => (this.startPhases[name] = Math.round(performance.now() - t0));
    this.forward.start();
    this.netnsPid = await this.forward.sandboxPid();
    this.hostForward = await forwardTcpToUnix(this.p.layout.apiSocket);
    this.endpoint = { ...this.endpoint, server: `https://127.0.0.1:${this.hostForward.port}` };
    await writeIdentityKubeconfigs(this);
    this.etcd.start();
    phase('namespace');
    await this.until(deadline, 'etcd to answer', () => this.etcdHealthy(), () => this.p.etcd.logFile, () => (this.etcd.exits > 0 ? 'etcd exited' : undefined));
    phase('etcd');
    const read = await readLearnerFile(this.p.layout.etc, MANIFEST_REL, MAX_MANIFEST_BYTES);
    if (!read.ok) throw new ClusterError(`the kube-apiserver manifest cannot be read: ${read.reason}`, 'correct the API-server options of the exercise');
    const manifest = read.text;
    const parsed = parseManifest(manifest);
    if (!parsed.ok) throw new ClusterError(`the kube-apiserver manifest is invalid:\n  ${parsed.errors.join('\n  ')}`, 'correct the API-server options of the exercise');
    this.appliedManifest = manifest;
    this.apiServer.start(toArgv(parsed.flags));
    await this.waitReady(Math.max(0, deadline - Date.now()));
    phase('apiServer');
    for (const c of this.controllers) c.start();
    await this.createNodes();
    await this.until(deadline, 'nodes to become Ready', () => this.nodesReady(), () => `${this.p.layout.logs}/kwok.log`);
    phase('nodesReady');
    await this.until(
      deadline,
      'the default service account to exist',
      async () => (await apiRequest(this.client(), 'GET', '/api/v1/namespaces/default/serviceaccounts/default')).status === 200,
      () => `${this.p.layout.logs}/kube-controller-manager.log`,
    );
    phase('serviceAccount');
    this.watchManifest();
  }

  /** Waits for /readyz. Fails at once, with the end of its log, if the API server exits. */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.until(deadline, 'kube-apiserver to become ready', () => this.apiServerReady(), () => this.p.layout.apiServerLog, () =>
      this.apiServer.exits > 0 ? 'kube-apiserver exited' : undefined,
    );
  }

  private async apiServerReady(): Promise<boolean> {
    try {
      return (await apiRequest(this.client(), 'GET', '/readyz', undefined, 2000)).status === 200;
    } catch {
      return false;
    }
  }

  private async etcdHealthy(): Promise<boolean> {
    try {
      return (await apiRequest(this.etcdClient(), 'GET', '/health', undefined, 2000)).status === 200;
    } catch {
      return false;
    }
  }

  private etcdClient(): TlsClient {
    const c = this.p.pki.checkerEtcdClient;
    return { server: 'https://127.0.0.1', socketPath: this.p.layout.etcdSocket, caPem: this.p.pki.ca.certPem, certPem: c.certPem, keyPem: c.keyPem };
  }

  etcdGet(key: string): Promise<Buffer | undefined> {
    return etcdRead(this.etcdClient(), key);
  }

  private async createNodes(): Promise<void> {
    for (let i = 1; i <= this.p.nodes; i++) {
      const name = `node-${i}`;
      const res = await apiRequest(this.client(), 'POST', '/api/v1/nodes', {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          name,
          annotations: { 'kwok.x-k8s.io/node': 'fake', 'node.alpha.kubernetes.io/ttl': '0' },
          labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', type: 'kwok' },
        },
        spec: {},
        status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' }, capacity: { cpu: '8', memory: '32Gi', pods: '110' } },
      });
      if (res.status !== 201 && res.status !== 409) throw new ClusterError(`creating node ${name} failed: HTTP ${res.status} ${res.body}`, 'check the API server log');
    }
  }

  private async nodesReady(): Promise<boolean> {
    const res = await apiRequest(this.client(), 'GET', '/api/v1/nodes');
    if (res.status !== 200) return false;
    const items = res.json<{ items: { status?: { conditions?: { type: string; status: string }[] } }[] }>().items;
    return items.length >= this.p.nodes && items.every((n) => n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
  }

  private async until(deadline: number, what: string, check: () => Promise<boolean>, log: () => string, failed?: () => string | undefined): Promise<void> {
    const tail = () => readFile(log(), 'utf8').then((t) => t.trimEnd().split('\n').slice(-8).join('\n    '), () => '(no log)');
    while (!this.disposed) {
      if (await check().catch(() => false)) return;
      const failure = failed?.();
      if (failure) {
        const why = await readFile(log(), 'utf8').then((t) => failureSummary(t), () => '(no log)');
        throw new ClusterError(`cluster ${this.name}: ${failure}: ${why}\n  (while waiting for ${what}; full log: ${log()})`, 'correct the flag or file the error names in the cluster options');
      }
      if (Date.now() > deadline) {
        throw new ClusterError(`cluster ${this.name}: timed out waiting for ${what}; last lines of ${log()}:\n    ${await tail()}`, 'read that log; if the machine is busy, raise CLUSTER_START_TIMEOUT_SECONDS');
      }
      await sleep(50);
    }
    throw new ClusterError(`cluster ${this.name} was disposed while waiting for ${what}`, 'none: the cluster was stopped on purpose');
  }

  /** Restarts the API server when the learner saves its manifest, as the kubelet does.
   * The learner may delete or replace the manifests directory itself: the node directory
   * (a mount point they cannot replace) is watched too, and the manifests directory is
   * watched again whenever it reappears as a real directory (never through a symlink). */
  private watchManifest(): void {
    const schedule = () => {
      clearTimeout(this.reconcileTimer);
      this.reconcileTimer = setTimeout(() => {
        this.reconcileChain = this.reconcileChain.then(() => this.reconcileManifest()).then(
          () => undefined,
          () => undefined,
        );
      }, 150);
    };
    const arm = () => {
      this.watcher?.close();
      this.watcher = undefined;
      if (this.disposed) return;
      try {
        if (!lstatSync(this.p.layout.manifests).isDirectory()) return;
        this.watcher = watch(this.p.layout.manifests, schedule);
        this.watcher.on('error', () => undefined);
      } catch {
        // gone or not a directory: the node watcher re-arms when it comes back
      }
    };
    this.nodeWatcher = watch(this.p.layout.etc, (_event, name) => {
      if (name !== 'manifests') return;
      arm();
      schedule();
    });
    this.nodeWatcher.on('error', () => undefined);
    arm();
  }

  /** Applies the manifest on disk now (also what the watcher calls). Returns whether the
   * API server was (re)started with it; errors are written to the API server's log. */
  async reconcileManifest(): Promise<{ restarted: boolean; errors: string[] }> {
    if (this.disposed) return { restarted: false, errors: [] };
    // The learner owns this file: it may be a symlink, a FIFO, a directory or huge. It is
    // read only through readLearnerFile, which refuses all of those without blocking.
    const read = await readLearnerFile(this.p.layout.etc, MANIFEST_REL, MAX_MANIFEST_BYTES);
    if (!read.ok) {
      // kubelet removes a static pod whose manifest is gone (or is not a file it can read)
      const errors = [read.missing ? 'manifest removed' : `${MANIFEST_REL}: ${read.reason}`];
      await this.apiServer.stop();
      if (!read.missing) this.apiServer.note(`not started: ${errors[0]}`);
      this.appliedManifest = '';
      return { restarted: false, errors };
    }
    const text = read.text;
    if (text === this.appliedManifest) return { restarted: false, errors: [] };
    this.appliedManifest = text;
    const parsed = parseManifest(text);
    await this.apiServer.stop();
    if (!parsed.ok) {
      this.apiServer.note(...parsed.errors.map((e) => `not started: ${e}`));
      return { restarted: false, errors: parsed.errors };
    }
    this.apiServer.note('manifest changed; restarting');
    this.apiServer.start(toArgv(parsed.flags));
    return { restarted: true, errors: [] };
  }

  private processes(): SupervisedProcess[] {
    return [this.forward, this.etcd, this.apiServer, ...this.controllers];
  }

  /** Host PIDs of the cluster's bubblewrap processes and everything they started. */
  async pids(): Promise<number[]> {
    return descendants(this.processes().map((p) => p.pid).filter((p): p is number => p !== undefined));
  }

  async memory(): Promise<MemoryUse> {
    return memoryUse(await this.pids());
  }

  dispose(): Promise<void> {
    this.disposed ??= (async () => {
      this.watcher?.close();
      this.nodeWatcher?.close();
      clearTimeout(this.reconcileTimer);
      await this.reconcileChain;
      await this.hostForward?.close();
      await Promise.all(this.processes().reverse().map((p) => p.dispose()));
      await removeClusterDir(this.p.layout.root, this.p.cgroup);
    })();
    return this.disposed;
  }
}
