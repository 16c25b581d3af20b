import { kindBuilt } from '../../server/clusters/create-provider.ts';
import type { EventView } from '../../server/protocol/rest.ts';
import { ApiUser } from '../support/api-client.ts';
import { testConfig, testProvider } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import { kindNetworkSamples } from './kind-network.bench.ts';
import { readyShellSamples } from './web.bench.ts';
import { warmAcquireSamples, type BenchResult } from './cluster.bench.ts';
import { percentile, round } from './stats.ts';

/** The kind provider beside the embedded one: cold start (create → node Ready and the API
 * answering), warm acquire from a pool, idle memory per cluster (its node container's
 * cgroup), NetworkPolicies on real packets, dispose. Each sample is a real kind cluster: about a minute apiece here. */
export async function kindBench(samples: number): Promise<BenchResult> {
  const cfg = testConfig({ CLUSTER_PROVIDER: 'kind' });
  if (!kindBuilt(cfg)) return { metrics: {}, notes: ['kind: not built on this machine (bin/batten setup --kind); no figures'] };
  const provider = testProvider(cfg);
  const cold: number[] = [];
  const dispose: number[] = [];
  let idleMB = 0;
  let network: Record<string, number> = {};
  for (let i = 0; i < samples; i++) {
    const t0 = performance.now();
    const c = await provider.create();
    cold.push(performance.now() - t0);
    if (i === 0) {
      await new Promise((r) => setTimeout(r, 20_000)); // let it settle into idle
      idleMB = (await c.memory()).rssBytes / 2 ** 20;
      network = await kindNetworkSamples(c, samples);
    }
    const t1 = performance.now();
    await c.dispose();
    dispose.push(performance.now() - t1);
  }
  const warm = await warmAcquireSamples(provider, Math.min(samples, 3), 300_000);
  const ready = await readyShellOnKind(cfg.BATTEN_DATA_DIR, Math.min(samples, 3));
  return {
    metrics: {
      'kind.readyShellMs.p50': round(percentile(ready, 50)),
      'kind.readyShellMs.p95': round(percentile(ready, 95)),
      'kind.coldStartMs.p50': round(percentile(cold, 50)),
      'kind.coldStartMs.p95': round(percentile(cold, 95)),
      'kind.warmAcquireMs.p50': round(percentile(warm, 50), 3),
      'kind.warmAcquireMs.p95': round(percentile(warm, 95), 3),
      'kind.idleMemMB': round(idleMB),
      'kind.disposeMs.p50': round(percentile(dispose, 50)),
      ...network,
      'kind.samples': samples,
    },
    notes: [],
  };
}

/** The same measurement as web.readyShellMs (anonymous-access, warm pool, real browser),
 * with the server on the kind provider. */
async function readyShellOnKind(dataDir: string, samples: number): Promise<number[]> {
  const server = await startTestServer({ CLUSTER_PROVIDER: 'kind', SIGNUP: 'open', KIND_TRUSTED_LEARNERS: 'yes', POOL_SIZE: '1', PREWARM_EXERCISES: 'anonymous-access', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  try {
    const admin = new ApiUser(server.base);
    await admin.call('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'admin-password-1' });
    const event = (await admin.call<EventView>('POST', '/api/events', { name: 'bench', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), exercises: ['anonymous-access'] })).body;
    return await readyShellSamples(server.base, event, 'anonymous-access', samples);
  } finally {
    await server.stop();
  }
}
