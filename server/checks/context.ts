import type { Cluster } from '../clusters/provider.ts';
import { clusterClient } from '../kube/kube-client.ts';
import type { ProbeContext } from './probe.ts';

/** What probes see of a cluster: the checker identity, anonymous access and, where the
 * provider offers it, raw etcd. */
export function probeContext(cluster: Cluster): ProbeContext {
  const { server, caPem } = cluster.endpoint;
  return {
    kube: clusterClient(cluster, 'checker'),
    anonymous: { server, caPem },
    etcdGet: cluster.etcdGet ? (key) => cluster.etcdGet!(key) : undefined,
    capabilities: cluster.capabilities,
  };
}
