import type { Cluster } from '../clusters/provider.ts';
import { clusterClient } from '../kube/kube-client.ts';
import { podExec } from '../kube/pod-exec.ts';
import type { ProbeContext } from './probe.ts';

/** What probes see of a cluster: the checker identity, anonymous access and, where the
 * provider offers them, raw etcd, the node's files, commands in pods and real connections. */
export function probeContext(cluster: Cluster): ProbeContext {
  const { server, caPem, socketPath } = cluster.endpoint;
  return {
    kube: clusterClient(cluster, 'checker'),
    anonymous: { server, caPem, socketPath },
    etcdGet: cluster.etcdGet ? (key) => cluster.etcdGet!(key) : undefined,
    nodeFiles: cluster.nodeFiles,
    exec: cluster.capabilities.includes('runtime') ? (r) => podExec({ server, caPem, ...cluster.credentials('checker') }, r) : undefined,
    tryConnections: cluster.tryConnections && cluster.capabilities.includes('network') ? (t) => cluster.tryConnections!(t) : undefined,
    capabilities: cluster.capabilities,
  };
}
