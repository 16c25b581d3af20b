import { ClusterPool } from '../../server/clusters/pool.ts';
import type { EmbeddedCluster } from '../../server/clusters/embedded/embedded-cluster.ts';
import type { ClusterProvider } from '../../server/clusters/provider.ts';
import { readFile } from 'node:fs/promises';
import { eventually, testConfig, testProvider } from '../support/clusters.ts';
import { parseMeminfo } from './capacity-logic.ts';
import { percentile, round } from './stats.ts';

export interface BenchResult {
  metrics: Record<string, number>;
  notes: string[];
}

/** Cold start, warm acquire, idle memory and dispose time of embedded clusters. */
export async function clusterBench(samples: number): Promise<BenchResult> {
  const provider = testProvider(testConfig());
  const cold: number[] = [];
  const dispose: number[] = [];
  const phases: Record<string, number[]> = {};
  let idle = { rssBytes: 0, anonBytes: 0, pssBytes: 0 };
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const c = (await provider.create()) as EmbeddedCluster;
    cold.push(performance.now() - t0);
    for (const [k, v] of Object.entries(c.startPhases)) (phases[k] ??= []).push(v);
    const t1 = performance.now();
    await c.dispose();
    dispose.push(performance.now() - t1);
  }

  // Idle memory, with three clusters up so that shared pages (the binaries' text) are
  // shared as they are in production, where PSS is what each cluster really costs.
  const idleClusters = [];
  for (let i = 0; i < 3; i++) idleClusters.push(await provider.create());
  await new Promise((r) => setTimeout(r, 20_000)); // let them settle into idle
  const mems = await Promise.all(idleClusters.map((c) => c.memory()));
  const mean = (k: keyof typeof idle) => mems.reduce((a, m) => a + m[k], 0) / mems.length;
  idle = { rssBytes: mean('rssBytes'), anonBytes: mean('anonBytes'), pssBytes: mean('pssBytes') };
  await Promise.all(idleClusters.map((c) => c.dispose()));

  const marginal = await marginalMemory(provider, MARGINAL_CLUSTERS);
  const warm = await warmAcquireSamples(provider, samples, 120_000);

  const metrics: Record<string, number> = {
    'cluster.coldStartMs.p50': round(percentile(cold, 50)),
    'cluster.coldStartMs.p95': round(percentile(cold, 95)),
    'cluster.warmAcquireMs.p50': round(percentile(warm, 50), 3),
    'cluster.warmAcquireMs.p95': round(percentile(warm, 95), 3),
    'cluster.idleRssMB': round(idle.rssBytes / 2 ** 20),
    'cluster.idlePssMB': round(idle.pssBytes / 2 ** 20),
    'cluster.idleAnonMB': round(idle.anonBytes / 2 ** 20),
    'cluster.marginalMemMB': round(marginal.hostMB),
    'cluster.privateMemMB': round(marginal.privateBytes / 2 ** 20),
    'cluster.marginalClusters': MARGINAL_CLUSTERS,
    'cluster.disposeMs.p50': round(percentile(dispose, 50)),
    'cluster.disposeMs.p95': round(percentile(dispose, 95)),
    'cluster.samples': samples,
  };
  for (const [k, v] of Object.entries(phases)) metrics[`cluster.startPhaseMs.${k}.p50`] = round(percentile(v, 50));
  return { metrics, notes: [] };
}

const MARGINAL_CLUSTERS = Number(process.env.BENCH_MARGINAL_CLUSTERS ?? 20);

/** What one more idle cluster costs the host: its used memory (MemTotal − MemAvailable)
 * with `count` clusters up and settled, less before, divided by `count`; and the pages
 * only the clusters' own processes map (their unique set), per cluster. */
async function marginalMemory(provider: ClusterProvider, count: number): Promise<{ hostMB: number; privateBytes: number }> {
  await new Promise((r) => setTimeout(r, 5_000)); // let the disposed clusters' memory go
  const hostUsedMB = async () => parseMeminfo(await readFile('/proc/meminfo', 'utf8')).usedMB;
  const before = await hostUsedMB();
  const clusters: EmbeddedCluster[] = [];
  try {
    for (let i = 0; i < count; i += 2) clusters.push(...((await Promise.all([0, 1].slice(0, count - i).map(() => provider.create()))) as EmbeddedCluster[]));
    await new Promise((r) => setTimeout(r, 30_000));
    const after = await hostUsedMB();
    const own = await Promise.all(clusters.map((c) => c.memory()));
    return { hostMB: (after - before) / count, privateBytes: own.reduce((a, m) => a + m.privateBytes, 0) / count };
  } finally {
    await Promise.all(clusters.map((c) => c.dispose()));
  }
}

/** Milliseconds to acquire a cluster from a warm pool of one, each time once the pool has
 * refilled (waiting at most `refillTimeoutMs`). */
export async function warmAcquireSamples(provider: ClusterProvider, samples: number, refillTimeoutMs: number): Promise<number[]> {
  const pool = new ClusterPool({ provider, size: 1, maxConcurrentStarts: 1, idleMs: 3_600_000, maxLifetimeMs: 3_600_000 });
  const warm: number[] = [];
  try {
    for (let i = 0; i < samples; i++) {
      await eventually('a warm cluster', async () => pool.stats().warm >= 1, refillTimeoutMs);
      const t0 = performance.now();
      const c = await pool.acquire();
      warm.push(performance.now() - t0);
      await pool.release(c);
    }
  } finally {
    await pool.dispose();
  }
  return warm;
}
