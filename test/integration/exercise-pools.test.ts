import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'vitest';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../server/exercises/catalog-context.ts';
import { ExercisePools } from '../../server/exercises/exercise-pools.ts';
import { assertLoaded, loadExercise } from '../../server/exercises/loader.ts';
import { eventually, kubectl, testProvider } from '../support/clusters.ts';

test('a pre-warmed exercise pool hands out a cluster with the setup already applied', async () => {
  const ex = assertLoaded(await loadExercise(path.join(EXERCISES_DIR, 'anonymous-access'), LOAD_CONTEXT));
  const pools = new ExercisePools(testProvider(), { maxConcurrentStarts: 1, idleMs: 60_000, maxLifetimeMs: 600_000 });
  try {
    pools.prewarm([ex], 1);
    await eventually('a prepared cluster', async () => pools.stats()['anonymous-access']?.warm === 1, 60_000);
    const cluster = await pools.acquire(ex);
    assert.equal(pools.stats()['anonymous-access']?.leased, 1, 'handed out from the warm pool');
    const binding = await kubectl(cluster, ['get', 'clusterrolebinding', 'public-read', '-o', 'jsonpath={.subjects[0].name}']);
    assert.equal(binding.stdout, 'system:anonymous', 'the weakness is in place before the learner arrives');
    await pools.release(ex, cluster);
    pools.prewarm([ex], 0);
    assert.equal(pools.stats()['anonymous-access']?.warm, 0, 'shrinking disposes the spare');
  } finally {
    await pools.dispose();
  }
});
