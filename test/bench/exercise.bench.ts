import { clusterOptions } from '../../server/exercises/cluster-options.ts';
import { LOAD_CONTEXT, EXERCISES_DIR } from '../../server/exercises/catalog-context.ts';
import { ExercisePools, GENERIC } from '../../server/exercises/exercise-pools.ts';
import { loadExercises, type LoadedExercise } from '../../server/exercises/loader.ts';
import { eventually, testConfig, testProvider } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import type { BenchResult } from './cluster.bench.ts';
import { percentile, round } from './stats.ts';
import { readyShellSamples } from './web.bench.ts';

/** Exercises served from the generic pool: their setup applied on demand to a plain
 * cluster. `exercise.setupMs`: a warm generic cluster taken → the exercise set up on it
 * (its manifests applied, its workloads ready), over the library's plain exercises in turn.
 * `web.unpreparedReadyShellMs`: click Start → first prompt for an exercise no pool prepared. */
export async function exerciseBench(samples: number): Promise<BenchResult> {
  const provider = testProvider(testConfig());
  const plain = (await loadExercises(EXERCISES_DIR, LOAD_CONTEXT))
    .filter((e): e is LoadedExercise => !('problems' in e))
    .filter((e) => e.exercise.requires.every((c) => provider.capabilities.includes(c)))
    .filter((e) => {
      const o = clusterOptions(e.exercise);
      return !o.apiServerFlags && !o.files && (o.nodes ?? 1) === 1;
    });
  const pools = new ExercisePools(provider, { maxConcurrentStarts: 1, idleMs: 3_600_000, maxLifetimeMs: 3_600_000 }, 1);
  const setup: number[] = [];
  const runs = Math.max(samples * 2, Math.min(plain.length, 20));
  try {
    for (let i = 0; i < runs; i++) {
      const ex = plain[i % plain.length]!;
      await eventually('a warm generic cluster', async () => pools.stats()[GENERIC]!.warm >= 1, 300_000);
      const t0 = performance.now();
      const { cluster } = await pools.acquire(ex);
      setup.push(performance.now() - t0);
      await pools.release(ex, cluster);
    }
  } finally {
    await pools.dispose();
  }

  // the browser: practice mode (no event pre-warms it), the generic pool only
  const server = await startTestServer({ POOL_SIZE: '1', POOL_MAX_CONCURRENT_STARTS: '1', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
  let ready: number[];
  try {
    ready = await readyShellSamples(server.base, undefined, 'default-sa-cluster-admin', samples);
  } finally {
    await server.stop();
  }
  return {
    metrics: {
      'exercise.setupMs.p50': round(percentile(setup, 50)),
      'exercise.setupMs.p95': round(percentile(setup, 95)),
      'exercise.setupMs.max': round(Math.max(...setup)),
      'exercise.setupSamples': setup.length,
      'exercise.plainExercises': plain.length,
      'web.unpreparedReadyShellMs.p50': round(percentile(ready, 50)),
      'web.unpreparedReadyShellMs.p95': round(percentile(ready, 95)),
    },
    notes: [],
  };
}
