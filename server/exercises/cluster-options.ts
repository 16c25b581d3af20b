import type { ClusterOptions } from '../clusters/provider.ts';
import type { Exercise } from './schema.ts';

/** The cluster an exercise asks for, in the provider's terms. Pure. */
export function clusterOptions(e: Exercise): ClusterOptions {
  return {
    apiServerFlags: e.cluster.apiServer?.flags,
    files: e.cluster.apiServer?.files,
    nodes: e.cluster.nodes,
    label: e.metadata.name,
  };
}
