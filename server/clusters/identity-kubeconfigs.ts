import { writeFile } from 'node:fs/promises';
import { renderKubeconfig } from '../kube/kubeconfig.ts';
import { CLIENTS } from './pki.ts';
import type { Cluster } from './provider.ts';

/** Writes the learner's and the checker's kubeconfig files (mode 0600) where the cluster
 * says they are, for the host's address of its API server. */
export async function writeIdentityKubeconfigs(c: Pick<Cluster, 'name' | 'endpoint' | 'credentials' | 'kubeconfigPath'>): Promise<void> {
  for (const who of ['learner', 'checker'] as const) {
    const config = renderKubeconfig({ clusterName: c.name, server: c.endpoint.server, caPem: c.endpoint.caPem, user: CLIENTS[who].cn, ...c.credentials(who) });
    await writeFile(c.kubeconfigPath(who), config, { mode: 0o600 });
  }
}
