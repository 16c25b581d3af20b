import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from '../clusters/pool.ts';

/** The Prometheus registry and every metric the server exports. */
export function createMetrics(pool: () => PoolStats) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'batten_' });
  const poolGauge = (name: string, help: string, key: keyof PoolStats) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pool()[key]);
      },
    });
  poolGauge('batten_cluster_pool_warm', 'Clusters started and waiting for a learner', 'warm');
  poolGauge('batten_cluster_pool_starting', 'Clusters being started', 'starting');
  poolGauge('batten_cluster_pool_leased', 'Clusters in use by a learner', 'leased');
  return {
    registry,
    clusterStartSeconds: new Histogram({
      name: 'batten_cluster_start_seconds',
      help: 'Time to start a cluster until nodes are Ready',
      buckets: [1, 2, 3, 5, 8, 13, 21, 34, 60],
      registers: [registry],
    }),
    clusterStartFailures: new Counter({ name: 'batten_cluster_start_failures_total', help: 'Cluster starts that failed', registers: [registry] }),
    clustersReaped: new Counter({ name: 'batten_clusters_reaped_total', help: 'Leased clusters disposed by the reaper', labelNames: ['reason'], registers: [registry] }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
