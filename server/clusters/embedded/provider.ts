import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Capability, Cluster, ClusterOptions, ClusterProvider } from '../provider.ts';
import { ClusterError } from '../errors.ts';
import { checkClusterOptions } from '../options.ts';
import { parseManifest, renderManifest } from './apiserver-manifest.ts';
import type { BinarySet } from './binaries.ts';
import { PORTS, apiServerConfine, controllerManagerSpec, etcdSpec, forwardSpec, kwokSpec, schedulerSpec } from './components.ts';
import { EmbeddedCluster } from './embedded-cluster.ts';
import { renderKubeconfig } from '../../kube/kubeconfig.ts';
import { clusterLayout, type ClusterLayout } from './layout.ts';
import { CLIENTS, generatePki, type ClusterPki } from '../pki.ts';
import { isAlive } from '../../host/process.ts';
import { Cgroup, cgroupsOwnedBy, collectStaleCgroups, type CgroupLimits } from '../../host/cgroup.ts';
import { mountsUnder, mountTmpfs } from '../../host/tmpfs.ts';
import { removeClusterDir } from '../cluster-dir.ts';

/** Every directory and process of ours carries this prefix, so garbage collection after a
 * crash can tell what is ours. */
export const CLUSTER_PREFIX = 'batten-';

export interface EmbeddedProviderDeps {
  binaries: BinarySet;
  /** Directory that holds one sub-directory per cluster. */
  clustersDir: string;
  /** kwok Stage files (node initialize and heartbeat, pod ready, complete, delete). */
  kwokStages: string;
  startTimeoutMs: number;
  etcdQuotaBytes: number;
  /** What one cluster may use: its control plane's memory and CPU (a cgroup), and the
   * size of the node directories a learner can write, and of the component logs. */
  limits: { controlPlane: CgroupLimits; nodeFilesBytes: number; logsBytes: number };
  bwrap?: string;
}

/** Runs each cluster as local processes: the default provider, which needs no Docker. */
export class EmbeddedProvider implements ClusterProvider {
  readonly name = 'embedded';
  readonly capabilities: readonly Capability[] = ['api', 'nodes'];

  constructor(private readonly d: EmbeddedProviderDeps) {}

  async create(options: ClusterOptions = {}): Promise<Cluster> {
    const extraFlags = options.apiServerFlags ?? {};
    const check = parseManifest(renderManifest(extraFlags));
    if (!check.ok) throw new ClusterError(`invalid API-server options: ${check.errors.join('; ')}`, 'change the cluster.apiServer options of the exercise');
    checkClusterOptions(options, 20, this.name);
    const nodes = options.nodes ?? 1;

    const name = `${CLUSTER_PREFIX}${randomBytes(4).toString('hex')}`;
    const layout = clusterLayout(path.join(this.d.clustersDir, name));
    let cluster: EmbeddedCluster | undefined;
    let cgroup: Cgroup | undefined;
    try {
      const pki = await generatePki(name);
      await this.writeFiles(layout, name, pki, extraFlags, options);
      cgroup = await Cgroup.create(name, this.d.limits.controlPlane);
      const b = this.d.binaries;
      cluster = new EmbeddedCluster({
        name,
        layout,
        pki,
        forward: forwardSpec(b, layout),
        etcd: etcdSpec(b, layout, name, this.d.etcdQuotaBytes),
        apiServer: { name: 'kube-apiserver', confine: apiServerConfine(b, layout), logFile: layout.apiServerLog },
        controllers: [controllerManagerSpec(b, layout, name), schedulerSpec(b, layout), kwokSpec(b, layout)],
        nodes,
        cgroup,
        bwrap: this.d.bwrap,
        kubectl: b.kubectl,
        shellForward: b['batten-forward'],
      });
      await cluster.start(this.d.startTimeoutMs);
      return cluster;
    } catch (err) {
      if (cluster) await cluster.dispose();
      else await removeClusterDir(layout.root, cgroup);
      throw err;
    }
  }

  private async writeFiles(l: ClusterLayout, name: string, pki: ClusterPki, extraFlags: Record<string, string>, options: ClusterOptions): Promise<void> {
    for (const dir of [l.etc, l.varLog, l.etcdData, l.logs, l.kubeconfigs, l.kwokConfig, l.run]) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    }
    await mountTmpfs(l.etc, this.d.limits.nodeFilesBytes);
    await mountTmpfs(l.varLog, this.d.limits.nodeFilesBytes);
    await mountTmpfs(l.logs, this.d.limits.logsBytes);
    for (const dir of [l.manifests, `${l.pki}/etcd`]) await mkdir(dir, { recursive: true, mode: 0o755 });
    // The learner's read-only view of the API server's log is bound over this placeholder.
    await writeFile(path.join(l.varLog, 'kube-apiserver.log'), '');
    await writeFile(l.owner, JSON.stringify({ serverPid: process.pid, createdAt: new Date().toISOString() }));
    const files: Record<string, string> = {
      'pki/ca.crt': pki.ca.certPem,
      'pki/apiserver.crt': pki.apiServer.certPem,
      'pki/apiserver.key': pki.apiServer.keyPem,
      'pki/apiserver-etcd-client.crt': pki.apiServerEtcdClient.certPem,
      'pki/apiserver-etcd-client.key': pki.apiServerEtcdClient.keyPem,
      'pki/sa.pub': pki.serviceAccount.publicPem,
      'pki/sa.key': pki.serviceAccount.privatePem,
      'pki/etcd/ca.crt': pki.ca.certPem,
      'pki/etcd/server.crt': pki.etcdServer.certPem,
      'pki/etcd/server.key': pki.etcdServer.keyPem,
      'manifests/kube-apiserver.yaml': renderManifest(extraFlags),
      ...options.files,
    };
    for (const [rel, content] of Object.entries(files)) {
      const target = path.join(l.etc, rel);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, content, { mode: rel.endsWith('.key') ? 0o600 : 0o644 });
    }
    // The components' address inside the cluster's network namespace. The learner's and
    // checker's kubeconfigs are written by EmbeddedCluster.start, with the host's port.
    const server = `https://127.0.0.1:${PORTS.apiServer}`;
    const components = { 'controller-manager': 'controllerManager', scheduler: 'scheduler', kwok: 'kwok' } as const;
    for (const [file, client] of Object.entries(components)) {
      const user = CLIENTS[client].cn;
      await writeFile(l.kubeconfig(file), renderKubeconfig({ clusterName: name, server, caPem: pki.ca.certPem, user, ...pki.clients[client] }), { mode: 0o600 });
    }
    await writeFile(path.join(l.kwokConfig, 'stages.yaml'), await readFile(this.d.kwokStages, 'utf8'));
  }

  /** Removes what a crashed server left behind: every Batten cgroup whose owning server is
   * gone (killing any process still in it: a cluster's control plane or a learner's
   * terminal; bubblewrap's --die-with-parent normally leaves none), then those clusters'
   * mounts and directories. */
  async collectGarbage(): Promise<{ removed: string[] }> {
    const removed: string[] = (await collectStaleCgroups(isAlive)).map((g) => `cgroup ${g}`);
    let entries: string[] = [];
    try {
      entries = await readdir(this.d.clustersDir);
    } catch {
      return { removed };
    }
    for (const entry of entries.filter((e) => e.startsWith(CLUSTER_PREFIX))) {
      const root = path.join(this.d.clustersDir, entry);
      const owner = await readFile(path.join(root, 'owner.json'), 'utf8').then((t) => JSON.parse(t) as { serverPid?: number }, () => ({}) as { serverPid?: number });
      if (owner.serverPid && owner.serverPid !== process.pid && isAlive(owner.serverPid)) continue; // another live server's
      if (owner.serverPid === process.pid) continue;
      await removeClusterDir(root);
      removed.push(entry);
    }
    return { removed };
  }

  async held(): Promise<string[]> {
    const dirs = (await readdir(this.d.clustersDir).catch(() => [] as string[])).filter((e) => e.startsWith(CLUSTER_PREFIX));
    const mounts = await mountsUnder(this.d.clustersDir);
    const { dirs: groups } = await cgroupsOwnedBy(process.pid);
    return [...dirs.map((d) => `directory ${d}`), ...mounts.map((m) => `mount ${m}`), ...groups.map((g) => `cgroup ${g}`)];
  }
}
