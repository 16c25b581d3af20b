import { readdir, readFile } from 'node:fs/promises';

/** Process ids of `roots` and all their descendants, read from /proc. */
export async function descendants(roots: number[]): Promise<number[]> {
  const parent = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ... — comm may contain spaces and parentheses
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(entry), ppid);
    } catch {
      // exited while we looked
    }
  }
  const out = new Set(roots.filter((p) => parent.has(p)));
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!out.has(pid) && out.has(ppid)) {
        out.add(pid);
        grew = true;
      }
    }
  }
  return [...out];
}

export interface MemoryUse {
  /** Sum of resident set sizes; pages shared between processes (binary text) count once per process. */
  rssBytes: number;
  /** Private anonymous memory (heaps, stacks): what one more cluster really adds. */
  anonBytes: number;
  /** Proportional set size: shared pages divided among the processes sharing them. */
  pssBytes: number;
  /** Pages no other process maps (unique set size): what stopping these processes frees. */
  privateBytes: number;
}

/** Memory of the given processes, read from /proc. */
export async function memoryUse(pids: number[]): Promise<MemoryUse> {
  const total = { rssBytes: 0, anonBytes: 0, pssBytes: 0, privateBytes: 0 };
  const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0) * 1024;
  for (const pid of pids) {
    try {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      total.rssBytes += kb(status, 'VmRSS');
      total.anonBytes += kb(status, 'RssAnon');
      const rollup = await readFile(`/proc/${pid}/smaps_rollup`, 'utf8');
      total.pssBytes += kb(rollup, 'Pss');
      total.privateBytes += kb(rollup, 'Private_Clean') + kb(rollup, 'Private_Dirty');
    } catch {
      // exited
    }
  }
  return total;
}
