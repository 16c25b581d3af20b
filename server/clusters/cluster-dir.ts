import { rm } from 'node:fs/promises';
import type { Cgroup } from '../host/cgroup.ts';
import { unmountAll } from '../host/tmpfs.ts';

/** Removes a cluster's directory: its cgroup (killing what is left in it), its tmpfs
 * mounts, then the files. */
export async function removeClusterDir(root: string, cgroup?: Cgroup): Promise<void> {
  await cgroup?.dispose();
  await unmountAll(root);
  await rm(root, { recursive: true, force: true });
}
