import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { ClusterError } from '../clusters/errors.ts';

const run = promisify(execFile);

/**
 * Size-limited filesystems for what a learner can write on a node: a tmpfs with a size is
 * a quota the learner cannot exceed (writes fail with "No space left on device") and that
 * disappears with the cluster. nosuid, nodev, noexec: nothing there runs or opens a device.
 */
export async function mountTmpfs(dir: string, sizeBytes: number): Promise<void> {
  const size = Math.max(1, Math.floor(sizeBytes / 1024));
  try {
    await run('mount', ['-t', 'tmpfs', '-o', `size=${size}k,mode=0755,nosuid,nodev,noexec`, 'batten-node', dir]);
  } catch (e) {
    throw new ClusterError(`cannot mount a size-limited tmpfs at ${dir}: ${(e as { stderr?: string }).stderr?.trim() || (e as Error).message}`, 'run the platform as root (it mounts one small tmpfs per cluster for the files a learner can write)');
  }
}

/** Mount points at or under `root`, deepest first (from /proc/self/mountinfo). */
export async function mountsUnder(root: string): Promise<string[]> {
  const info = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  const prefix = path.resolve(root);
  const points = info
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((p): p is string => !!p)
    .map((p) => p.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((p) => p === prefix || p.startsWith(prefix + '/'));
  return [...new Set(points)].sort((a, b) => b.length - a.length);
}

/** Detaches every mount under `root` (lazily: a process still inside keeps its view until it exits). */
export async function unmountAll(root: string): Promise<void> {
  for (const point of await mountsUnder(root)) {
    await run('umount', ['-l', point]).catch(() => undefined);
  }
}
