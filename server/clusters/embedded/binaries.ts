import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { ClusterError } from '../errors.ts';

export const BINARIES = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok', 'kubectl', 'batten-forward'] as const;
export type BinaryName = (typeof BINARIES)[number];
export type BinarySet = Record<BinaryName, string>;

export interface BinaryReport {
  name: BinaryName;
  path?: string;
  searched: string[];
}

/** Directories searched for the control-plane binaries, in order: an explicit Batten
 * directory, envtest's KUBEBUILDER_ASSETS, then the build cache `setup` fills. */
export function binaryDirs(env: { BATTEN_K8S_BIN?: string; KUBEBUILDER_ASSETS?: string }, cacheDir?: string): string[] {
  return [env.BATTEN_K8S_BIN, env.KUBEBUILDER_ASSETS, cacheDir].filter((d): d is string => !!d);
}

export function findBinaries(dirs: string[]): BinaryReport[] {
  return BINARIES.map((name) => {
    const found = dirs.map((d) => path.join(d, name)).find(isExecutable);
    return { name, path: found, searched: dirs };
  });
}

/** All binaries, or a ClusterError naming what is missing and how to get it. */
export function requireBinaries(dirs: string[]): BinarySet {
  const report = findBinaries(dirs);
  const missing = report.filter((r) => !r.path).map((r) => r.name);
  if (missing.length > 0) {
    throw new ClusterError(
      `control-plane binaries not found: ${missing.join(', ')} (searched ${dirs.length ? dirs.join(', ') : 'nowhere: no directory configured'})`,
      'run `npm run setup` to build them from the pinned Go modules, or set BATTEN_K8S_BIN (or KUBEBUILDER_ASSETS) to a directory that holds them',
    );
  }
  return Object.fromEntries(report.map((r) => [r.name, r.path!])) as BinarySet;
}

function isExecutable(p: string): boolean {
  if (!existsSync(p)) return false;
  try {
    accessSync(p, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
