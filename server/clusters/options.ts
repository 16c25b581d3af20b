import path from 'node:path';
import { ClusterError } from './errors.ts';
import type { ClusterOptions } from './provider.ts';

/** Checks what every provider reads the same way: the node count (within the provider's
 * `maxNodes`) and the paths of the files placed under /etc/kubernetes. Throws a
 * ClusterError naming the option and the fix. Pure. */
export function checkClusterOptions(options: ClusterOptions, maxNodes: number, provider: string): void {
  const nodes = options.nodes ?? 1;
  if (!Number.isInteger(nodes) || nodes < 1 || nodes > maxNodes) {
    throw new ClusterError(`invalid node count ${nodes} for the ${provider} provider`, maxNodes === 1 ? `use 1 node: the ${provider} provider runs one node` : `use a whole number from 1 to ${maxNodes}`);
  }
  for (const rel of Object.keys(options.files ?? {})) {
    const n = path.posix.normalize(rel);
    if (path.posix.isAbsolute(n) || n.startsWith('..') || n.startsWith('manifests/') || n.startsWith('pki/') || n === '.' || /[\0\n]/.test(rel)) {
      throw new ClusterError(`invalid cluster file path "${rel}"`, 'name files relative to /etc/kubernetes, outside manifests/ and pki/ (e.g. enc/encryption.yaml)');
    }
  }
}
