import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { kindEnv, type KindBuild } from '../../setup/kind-build.ts';
import { ClusterError } from '../errors.ts';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end (killed after timeoutMs), with `input` on its standard input,
 * and keeps the last 64 KiB of each stream. */
export function runCommand(file: string, args: string[], o: { env?: Record<string, string>; timeoutMs?: number; input?: string } = {}): Promise<CommandResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env: { ...process.env, ...o.env }, stdio: [o.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    if (o.input !== undefined) {
      child.stdin!.on('error', () => undefined); // a command that exits without reading: its result says why
      child.stdin!.end(o.input);
    }
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout = (stdout + d.toString()).slice(-65536)));
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-65536)));
    const timer = setTimeout(() => child.kill('SIGKILL'), o.timeoutMs ?? 60_000);
    child.on('error', (e) => {
      clearTimeout(timer);
      resolve({ code: 127, stdout, stderr: `${stderr}${e.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr });
    });
  });
}

/** The label kind puts on every node container: the cluster's name. */
const KIND_CLUSTER_LABEL = 'io.x-k8s.kind.cluster';

export interface NodeContainer {
  id: string;
  name: string;
  cluster: string;
}

export interface NetworkInfo {
  name: string;
  labels: Record<string, string>;
}

/**
 * kind and podman, as the kind provider drives them: always with the build's
 * containers.conf (so podman's settings and network files stay Batten's, never the host's
 * defaults) and with each cluster on the network the provider made for it.
 */
export class KindEngine {
  constructor(private readonly build: KindBuild) {}

  private async podman(args: string[], timeoutMs = 60_000): Promise<string> {
    const r = await runCommand('podman', args, { env: kindEnv(this.build), timeoutMs });
    if (r.code !== 0) throw new ClusterError(`podman ${args.slice(0, 3).join(' ')} failed (${r.code}): ${r.stderr.trim().split('\n').slice(-4).join('\n  ')}`, 'run bin/batten doctor; podman must run rootful with the containers.conf of bin/batten setup --kind');
    return r.stdout;
  }

  /** A bridge network of its own, isolated from every other podman network (netavark's
   * `isolate`), labelled with who made it (for garbage collection after a crash). */
  async createNetwork(name: string, labels: Record<string, string>): Promise<void> {
    await this.podman(['network', 'create', '--opt', 'isolate=true', ...Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]), name]);
  }

  async removeNetwork(name: string): Promise<void> {
    await this.podman(['network', 'rm', '-f', name]).catch(() => undefined);
  }

  async networks(prefix: string): Promise<NetworkInfo[]> {
    const list = JSON.parse((await this.podman(['network', 'ls', '--format', 'json'])) || '[]') as { name: string; labels?: Record<string, string> }[];
    return list.filter((n) => n.name.startsWith(prefix)).map((n) => ({ name: n.name, labels: n.labels ?? {} }));
  }

  /** `kind create cluster` on the network `name` (made by createNetwork first), writing its
   * admin kubeconfig to `kubeconfig` (never the host's ~/.kube/config). */
  async createCluster(o: { name: string; config: string; kubeconfig: string; timeoutMs: number }): Promise<void> {
    const r = await runCommand(this.build.kind, ['create', 'cluster', '--name', o.name, '--image', this.build.nodeImage, '--config', o.config, '--kubeconfig', o.kubeconfig], {
      env: { ...kindEnv(this.build), KIND_EXPERIMENTAL_PODMAN_NETWORK: o.name },
      timeoutMs: o.timeoutMs,
    });
    if (r.code !== 0) {
      const why = r.code === 128 ? `timed out after ${Math.round(o.timeoutMs / 1000)} s` : (r.stderr + r.stdout).trim().split('\n').slice(-8).join('\n  ');
      throw new ClusterError(`kind create cluster ${o.name} failed: ${why}`, 'run bin/batten doctor; if the machine is busy, raise CLUSTER_START_TIMEOUT_SECONDS');
    }
  }

  /** Kills the cluster's node containers first (a node's systemd would take its full stop
   * timeout to shut down, and nothing in it needs a clean shutdown), then lets kind remove them. */
  async deleteCluster(name: string, kubeconfig: string): Promise<void> {
    const nodes = (await this.nodeContainers(name).catch(() => [])).filter((c) => c.cluster === name);
    if (nodes.length > 0) await runCommand('podman', ['kill', ...nodes.map((c) => c.id)], { env: kindEnv(this.build), timeoutMs: 30_000 });
    await runCommand(this.build.kind, ['delete', 'cluster', '--name', name, '--kubeconfig', kubeconfig], { env: kindEnv(this.build), timeoutMs: 120_000 });
  }

  /** Every kind node container whose cluster name starts with `prefix`, running or not. */
  async nodeContainers(prefix: string): Promise<NodeContainer[]> {
    const list = JSON.parse((await this.podman(['ps', '-a', '--filter', `label=${KIND_CLUSTER_LABEL}`, '--format', 'json'])) || '[]') as { Id: string; Names: string[]; Labels?: Record<string, string> }[];
    return list
      .map((c) => ({ id: c.Id, name: c.Names[0] ?? c.Id, cluster: c.Labels?.[KIND_CLUSTER_LABEL] ?? '' }))
      .filter((c) => c.cluster.startsWith(prefix));
  }

  /** The node's address on its cluster network, the host port of its API server, and its cgroup. */
  async inspectNode(container: string): Promise<{ id: string; ip: string; apiPort: number; cgroupPath: string }> {
    const [info] = JSON.parse(await this.podman(['inspect', container])) as {
      Id: string;
      State: { CgroupPath?: string };
      NetworkSettings: { Networks?: Record<string, { IPAddress?: string }>; Ports?: Record<string, { HostIp: string; HostPort: string }[] | null> };
    }[];
    if (!info) throw new ClusterError(`podman inspect ${container} returned nothing`, 'run bin/batten doctor');
    const ip = Object.values(info.NetworkSettings.Networks ?? {})[0]?.IPAddress ?? '';
    const apiPort = Number(info.NetworkSettings.Ports?.['6443/tcp']?.[0]?.HostPort);
    if (!ip || !Number.isInteger(apiPort) || apiPort <= 0) throw new ClusterError(`node ${container} has no address or API-server port`, 'run bin/batten doctor; delete the cluster and create it again');
    return { id: info.Id, ip, apiPort, cgroupPath: info.State.CgroupPath ?? '' };
  }

  /** Runs a command in a node container as root, `input` on its standard input; the
   * command's own exit code and output are the caller's to read. */
  nodeExec(container: string, args: string[], o: { input?: string; timeoutMs?: number } = {}): Promise<CommandResult> {
    return runCommand('podman', ['exec', ...(o.input === undefined ? [] : ['-i']), container, ...args], { env: kindEnv(this.build), timeoutMs: o.timeoutMs ?? 30_000, input: o.input });
  }

  /** Limits a node container's memory and CPU (its cgroup). */
  async limit(container: string, l: { memoryBytes: number; cpus: number }): Promise<void> {
    await this.podman(['update', '--memory', `${Math.floor(l.memoryBytes / 2 ** 20)}m`, '--memory-swap', `${Math.floor(l.memoryBytes / 2 ** 20)}m`, '--cpus', String(l.cpus), container]);
  }

  /** A node container's memory: its cgroup's memory.stat, read on the host (cgroup v1 or
   * v2), or from inside the node when the host's cgroups are not visible here (Batten in a
   * container, docker-compose.yml); the node's cgroup namespace shows its own cgroup as root. */
  async memory(cgroupPath: string, container: string): Promise<{ rssBytes: number; anonBytes: number; pssBytes: number }> {
    const onHost = ['/sys/fs/cgroup/memory', '/sys/fs/cgroup'].map((root) => path.join(root, cgroupPath, 'memory.stat'));
    for (const file of cgroupPath ? onHost : []) {
      const m = memoryFromStat(await readFile(file, 'utf8').catch(() => ''));
      if (m) return m;
    }
    for (const file of ['/sys/fs/cgroup/memory/memory.stat', '/sys/fs/cgroup/memory.stat']) {
      const r = await this.nodeExec(container, ['cat', file], { timeoutMs: 10_000 });
      const m = r.code === 0 ? memoryFromStat(r.stdout) : undefined;
      if (m) return m;
    }
    throw new ClusterError(`cannot read the memory of node ${container}: no memory.stat on the host or in the node`, 'run bin/batten doctor');
  }
}

/** Resident anonymous and mapped file pages from a memory.stat (cgroup v1 `total_*` or v2
 * names); undefined when it has neither. A container's pages are not shared with other
 * processes of the host in a way the cgroup can split: its resident set is the honest
 * figure for PSS too. Pure. */
export function memoryFromStat(text: string): { rssBytes: number; anonBytes: number; pssBytes: number } | undefined {
  const stat = new Map(text.split('\n').map((l) => l.trim().split(/\s+/)).filter((f) => f.length === 2 && /^\d+$/.test(f[1]!)).map(([k, v]) => [k!, Number(v)]));
  const anon = stat.get('total_rss') ?? stat.get('anon');
  if (anon === undefined) return undefined;
  const rss = anon + (stat.get('total_mapped_file') ?? stat.get('file_mapped') ?? 0);
  return { rssBytes: rss, anonBytes: anon, pssBytes: rss };
}
