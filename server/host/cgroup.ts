import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClusterError } from '../clusters/errors.ts';

export interface CgroupLimits {
  memoryBytes: number;
  /** Processes and threads at once: a fork bomb stops here. */
  pids?: number;
  /** CPU cores' worth of time per period (1.5 = one and a half cores). */
  cpus?: number;
}

const ROOT = '/sys/fs/cgroup';

/**
 * Shell text that moves the shell into the cgroup whose `cgroup.procs` files are listed
 * in `$BATTEN_CGROUP_PROCS` (exiting 111 if it cannot), before anything else runs: every
 * process it then starts is born inside.
 */
export const JOIN_CGROUP_SH = 'for f in $BATTEN_CGROUP_PROCS; do echo $$ > "$f" || exit 111; done';
const PERIOD_US = 100_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `<owner pid>.<name>`: start-up garbage collection removes those whose owner is gone. */
const groupName = (name: string) => `${process.pid}.${name}`;

/** cgroup v1 has one hierarchy per controller; v2 one unified tree. */
function v1(): boolean {
  return existsSync(path.join(ROOT, 'pids', 'cgroup.procs')) && existsSync(path.join(ROOT, 'memory', 'cgroup.procs'));
}

/**
 * A cgroup (v1 pids + memory + cpu, or v2) confining a tree of processes: a learner's
 * terminal, or one cluster's control plane. Every process started inside stays inside, so
 * the limits hold for the whole tree. `procsFiles` are the files a process writes its PID
 * to in order to join; `dispose()` kills whatever is left and removes the cgroup.
 */
export class Cgroup {
  private constructor(private readonly dirs: string[]) {}

  static async create(name: string, limits: CgroupLimits): Promise<Cgroup> {
    const group = groupName(name);
    if (v1()) {
      const dirs: string[] = [];
      const make = async (controller: string, files: Record<string, string>) => {
        const dir = path.join(ROOT, controller, 'batten', group);
        await mkdir(dir, { recursive: true });
        dirs.push(dir);
        for (const [f, v] of Object.entries(files)) await writeFile(path.join(dir, f), v);
      };
      await make('memory', { 'memory.limit_in_bytes': String(limits.memoryBytes) });
      await make('pids', limits.pids ? { 'pids.max': String(limits.pids) } : {});
      if (limits.cpus && existsSync(path.join(ROOT, 'cpu', 'cgroup.procs'))) {
        await make('cpu', { 'cpu.cfs_period_us': String(PERIOD_US), 'cpu.cfs_quota_us': String(Math.round(limits.cpus * PERIOD_US)) });
      }
      return new Cgroup(dirs);
    }
    const controllers = await readFile(path.join(ROOT, 'cgroup.controllers'), 'utf8').catch(() => '');
    if (/\bpids\b/.test(controllers) && /\bmemory\b/.test(controllers)) {
      const wanted = /\bcpu\b/.test(controllers) ? '+pids +memory +cpu' : '+pids +memory';
      const parent = path.join(ROOT, 'batten');
      await mkdir(parent, { recursive: true });
      await writeFile(path.join(ROOT, 'cgroup.subtree_control'), wanted).catch(() => undefined);
      await writeFile(path.join(parent, 'cgroup.subtree_control'), wanted);
      const dir = path.join(parent, group);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'memory.max'), String(limits.memoryBytes));
      if (limits.pids) await writeFile(path.join(dir, 'pids.max'), String(limits.pids));
      if (limits.cpus && wanted.includes('cpu')) await writeFile(path.join(dir, 'cpu.max'), `${Math.round(limits.cpus * PERIOD_US)} ${PERIOD_US}`);
      return new Cgroup([dir]);
    }
    throw new ClusterError('no writable pids and memory cgroup controllers: processes cannot be confined here', 'run the platform as root on a host with cgroups (v1 pids+memory or v2) mounted at /sys/fs/cgroup');
  }

  get procsFiles(): string[] {
    return this.dirs.map((d) => path.join(d, 'cgroup.procs'));
  }

  /** The directories of this cgroup (one per v1 controller, or one in v2). */
  get paths(): readonly string[] {
    return this.dirs;
  }

  async pids(): Promise<number[]> {
    return pidsIn(this.dirs[0]!);
  }

  async dispose(): Promise<void> {
    for (const d of this.dirs) await killAndRemove(d);
  }
}

async function pidsIn(dir: string): Promise<number[]> {
  const text = await readFile(path.join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
  return text.split('\n').filter(Boolean).map(Number);
}

async function killAndRemove(dir: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const left = await pidsIn(dir);
    if (left.length === 0) break;
    for (const pid of left) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
    await sleep(20);
  }
  await rmdir(dir).catch(() => undefined);
}

/** The parent directories Batten's cgroups live in (one per v1 controller, or one in v2). */
function parents(): string[] {
  return v1() ? ['memory', 'pids', 'cpu'].map((c) => path.join(ROOT, c, 'batten')) : [path.join(ROOT, 'batten')];
}

/** Every cgroup directory created by the server process `ownerPid`, and the PIDs in them. */
export async function cgroupsOwnedBy(ownerPid: number): Promise<{ dirs: string[]; pids: number[] }> {
  const dirs: string[] = [];
  for (const parent of parents()) {
    for (const entry of await readdir(parent).catch(() => [] as string[])) {
      if (entry.startsWith(`${ownerPid}.`)) dirs.push(path.join(parent, entry));
    }
  }
  const pids = new Set<number>();
  for (const d of dirs) for (const p of await pidsIn(d)) pids.add(p);
  return { dirs, pids: [...pids] };
}

/** Removes Batten's cgroups whose owning server is gone (after a crash), killing any
 * process still in them. Returns the names removed. */
export async function collectStaleCgroups(isAlive: (pid: number) => boolean): Promise<string[]> {
  const removed = new Set<string>();
  for (const parent of parents()) {
    for (const entry of await readdir(parent).catch(() => [] as string[])) {
      const owner = Number(/^(\d+)\./.exec(entry)?.[1] ?? NaN);
      if (!Number.isInteger(owner) || owner === process.pid || isAlive(owner)) continue;
      await killAndRemove(path.join(parent, entry));
      removed.add(entry);
    }
  }
  return [...removed];
}
