import { existsSync } from 'node:fs';
import { mkdir, readFile, rmdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ClusterError } from '../clusters/errors.ts';

export interface Limits {
  /** Processes and threads at once: a fork bomb stops here. */
  pids: number;
  memoryBytes: number;
  /** Open files per process (soft and hard limit: the learner cannot raise it). */
  openFiles: number;
}

const ROOT = '/sys/fs/cgroup';

/**
 * A cgroup (v1 pids + memory, or v2) that confines one learner's terminal: every process
 * the shell starts stays in it, so the limits hold for the whole sandbox. `procsFiles` are
 * the files a process writes its PID to in order to join; `dispose()` kills whatever is
 * left and removes the cgroup.
 */
export class SessionCgroup {
  private constructor(private readonly dirs: string[]) {}

  static async create(name: string, limits: Limits): Promise<SessionCgroup> {
    if (existsSync(path.join(ROOT, 'pids', 'cgroup.procs')) && existsSync(path.join(ROOT, 'memory', 'cgroup.procs'))) {
      const pids = path.join(ROOT, 'pids', 'batten', name);
      const memory = path.join(ROOT, 'memory', 'batten', name);
      await mkdir(pids, { recursive: true });
      await mkdir(memory, { recursive: true });
      await writeFile(path.join(pids, 'pids.max'), String(limits.pids));
      await writeFile(path.join(memory, 'memory.limit_in_bytes'), String(limits.memoryBytes));
      return new SessionCgroup([pids, memory]);
    }
    const controllers = await readFile(path.join(ROOT, 'cgroup.controllers'), 'utf8').catch(() => '');
    if (/\bpids\b/.test(controllers) && /\bmemory\b/.test(controllers)) {
      const parent = path.join(ROOT, 'batten');
      await mkdir(parent, { recursive: true });
      await writeFile(path.join(ROOT, 'cgroup.subtree_control'), '+pids +memory').catch(() => undefined);
      await writeFile(path.join(parent, 'cgroup.subtree_control'), '+pids +memory');
      const dir = path.join(parent, name);
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'pids.max'), String(limits.pids));
      await writeFile(path.join(dir, 'memory.max'), String(limits.memoryBytes));
      return new SessionCgroup([dir]);
    }
    throw new ClusterError('no writable pids and memory cgroup controllers: a learner terminal cannot be confined here', 'run the platform as root on a host with cgroups (v1 pids+memory or v2) mounted at /sys/fs/cgroup');
  }

  get procsFiles(): string[] {
    return this.dirs.map((d) => path.join(d, 'cgroup.procs'));
  }

  async pids(): Promise<number[]> {
    const text = await readFile(this.procsFiles[0]!, 'utf8').catch(() => '');
    return text.split('\n').filter(Boolean).map(Number);
  }

  async dispose(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const left = await this.pids();
      if (left.length === 0) break;
      for (const pid of left) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // gone
        }
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    for (const d of this.dirs) await rmdir(d).catch(() => undefined);
  }
}
