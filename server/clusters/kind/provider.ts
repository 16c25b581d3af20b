import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { KindBuild } from '../../setup/kind-build.ts';
import { mountsUnder, mountTmpfs } from '../../host/tmpfs.ts';
import { removeClusterDir } from '../cluster-dir.ts';
import { isAlive } from '../../host/process.ts';
import { checkClusterOptions } from '../options.ts';
import { generatePki } from '../pki.ts';
import type { Capability, Cluster, ClusterOptions, ClusterProvider } from '../provider.ts';
import { renderKindConfig } from './cluster-config.ts';
import { KindEngine } from './engine.ts';
import { disposeKindCluster, KindCluster } from './kind-cluster.ts';
import { kindLayout, type KindLayout } from './layout.ts';

/** Names of kind clusters, their networks and directories; node containers add `-control-plane`. */
export const KIND_PREFIX = 'batten-kind-';
/** Labels on each cluster's network: which server made it, and where its files are. */
const OWNER_LABEL = 'batten.owner-pid';
const ROOT_LABEL = 'batten.root';

export interface KindProviderDeps {
  build: KindBuild;
  /** kubectl and the TCP-to-socket bridge, shown inside the learner's shell. */
  kubectl: string;
  shellForward: string;
  /** Directory that holds one sub-directory per cluster. */
  clustersDir: string;
  startTimeoutMs: number;
  /** What one node container may use (its cgroup), and the size of the node directories
   * a learner can write. */
  limits: { node: { memoryBytes: number; cpus: number }; nodeFilesBytes: number };
}

/**
 * Runs each cluster as a kind cluster on rootful podman: real kubelet, containerd and
 * pods (the `runtime` capability), at the cost of a privileged container per cluster
 * (see SECURITY.md: for trusted learners only).
 */
export class KindProvider implements ClusterProvider {
  readonly name = 'kind';
  readonly capabilities: readonly Capability[] = ['api', 'nodes', 'runtime', 'network'];
  private readonly engine: KindEngine;
  /** Clusters this process created and has not finished disposing. */
  private readonly mine = new Set<string>();

  constructor(private readonly d: KindProviderDeps) {
    this.engine = new KindEngine(d.build);
  }

  async create(options: ClusterOptions = {}): Promise<Cluster> {
    checkClusterOptions(options, 1, this.name);
    const name = `${KIND_PREFIX}${randomBytes(4).toString('hex')}`;
    const layout = kindLayout(path.join(this.d.clustersDir, name));
    const config = renderKindConfig(await readFile(this.d.build.clusterConfig, 'utf8'), {
      dirs: { etcKubernetes: layout.etc, varLogKubernetes: layout.varLog },
      apiServerFlags: options.apiServerFlags,
      files: options.files,
    });
    this.mine.add(name);
    let cluster: KindCluster | undefined;
    try {
      const pki = await generatePki(name);
      await this.writeFiles(layout, config, pki.ca, options.files ?? {});
      await this.engine.createNetwork(name, { [OWNER_LABEL]: String(process.pid), [ROOT_LABEL]: layout.root });
      await this.engine.createCluster({ name, config: layout.config, kubeconfig: layout.adminKubeconfig, timeoutMs: this.d.startTimeoutMs });
      const container = `${name}-control-plane`;
      await this.engine.limit(container, this.d.limits.node);
      const node = { container, ...(await this.engine.inspectNode(container)) };
      cluster = new KindCluster({ name, layout, pki, engine: this.engine, node, kubectl: this.d.kubectl, shellForward: this.d.shellForward, onDisposed: () => this.mine.delete(name) });
      await cluster.start(this.d.startTimeoutMs);
      return cluster;
    } catch (err) {
      if (cluster) await cluster.dispose();
      else {
        await disposeKindCluster(this.engine, name, layout);
        this.mine.delete(name);
      }
      throw err;
    }
  }

  /** The node's /etc/kubernetes before kubeadm runs: Batten's CA (kubeadm signs every
   * certificate with it, so the learner's and checker's certificates need nothing read
   * back from the node), the same CA for etcd, and the exercise's files. */
  private async writeFiles(l: KindLayout, config: string, ca: { certPem: string; keyPem: string }, files: Record<string, string>): Promise<void> {
    for (const dir of [l.etc, l.varLog]) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await mountTmpfs(dir, this.d.limits.nodeFilesBytes);
    }
    await writeFile(l.owner, JSON.stringify({ serverPid: process.pid, createdAt: new Date().toISOString() }));
    await writeFile(l.config, config, { mode: 0o600 });
    const all: Record<string, string> = {
      'pki/ca.crt': ca.certPem,
      'pki/ca.key': ca.keyPem,
      'pki/etcd/ca.crt': ca.certPem,
      'pki/etcd/ca.key': ca.keyPem,
      ...files,
    };
    await mkdir(path.join(l.etc, 'manifests'), { recursive: true, mode: 0o755 });
    for (const [rel, content] of Object.entries(all)) {
      const target = path.join(l.etc, rel);
      await mkdir(path.dirname(target), { recursive: true, mode: 0o755 });
      await writeFile(target, content, { mode: rel.endsWith('.key') ? 0o600 : 0o644 });
    }
  }

  /** Removes the kind clusters of servers that are gone: every Batten network whose
   * owner process is dead (with its node containers and directory), node containers whose
   * network is gone, and directories here with no live owner. */
  async collectGarbage(): Promise<{ removed: string[] }> {
    const removed: string[] = [];
    const networks = await this.engine.networks(KIND_PREFIX).catch(() => []);
    for (const n of networks) {
      const pid = Number(n.labels[OWNER_LABEL]);
      if (pid === process.pid || (pid > 0 && isAlive(pid))) continue;
      const root = n.labels[ROOT_LABEL];
      await disposeKindCluster(this.engine, n.name, kindLayout(root && path.basename(root) === n.name ? root : path.join(this.d.clustersDir, n.name)));
      removed.push(`kind cluster ${n.name}`);
    }
    const live = new Set((await this.engine.networks(KIND_PREFIX).catch(() => [])).map((n) => n.name));
    for (const c of await this.engine.nodeContainers(KIND_PREFIX).catch(() => [])) {
      if (live.has(c.cluster) || this.mine.has(c.cluster)) continue;
      await disposeKindCluster(this.engine, c.cluster, kindLayout(path.join(this.d.clustersDir, c.cluster)));
      removed.push(`kind cluster ${c.cluster}`);
    }
    for (const entry of (await readdir(this.d.clustersDir).catch(() => [] as string[])).filter((e) => e.startsWith(KIND_PREFIX))) {
      if (this.mine.has(entry) || live.has(entry)) continue;
      await removeClusterDir(path.join(this.d.clustersDir, entry));
      removed.push(`directory ${entry}`);
    }
    return { removed };
  }

  async held(): Promise<string[]> {
    const ours = (await this.engine.networks(KIND_PREFIX)).filter((n) => n.labels[OWNER_LABEL] === String(process.pid)).map((n) => n.name);
    const names = new Set([...this.mine, ...ours]);
    const containers = (await this.engine.nodeContainers(KIND_PREFIX)).filter((c) => names.has(c.cluster));
    const dirs = (await readdir(this.d.clustersDir).catch(() => [] as string[])).filter((e) => names.has(e));
    const mounts = await mountsUnder(this.d.clustersDir);
    return [
      ...[...this.mine].map((n) => `kind cluster ${n}`),
      ...ours.map((n) => `network ${n}`),
      ...containers.map((c) => `container ${c.name}`),
      ...dirs.map((d) => `directory ${d}`),
      ...mounts.map((m) => `mount ${m}`),
    ];
  }
}
