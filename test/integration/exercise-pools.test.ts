import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'vitest';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../server/exercises/catalog-context.ts';
import { ExercisePools, GENERIC } from '../../server/exercises/exercise-pools.ts';
import { assertLoaded, loadExercise } from '../../server/exercises/loader.ts';
import { eventually, kubectl, testProvider } from '../support/clusters.ts';

test('a pre-warmed exercise pool hands out a cluster with the setup applied, drawn from a seed of its own', async () => {
  const ex = assertLoaded(await loadExercise(path.join(EXERCISES_DIR, 'anonymous-access'), LOAD_CONTEXT));
  const pools = new ExercisePools(testProvider(), { maxConcurrentStarts: 1, idleMs: 60_000, maxLifetimeMs: 600_000 });
  try {
    pools.prepareOnly([ex], 2);
    await eventually('two prepared clusters', async () => pools.stats()['anonymous-access']?.warm === 2, 120_000);
    const first = await pools.acquire(ex);
    const second = await pools.acquire(ex);
    assert.equal(pools.stats()['anonymous-access']?.leased, 2, 'handed out from the warm pool');
    for (const { cluster, exercise } of [first, second]) {
      const binding = await kubectl(cluster, ['get', 'clusterrolebinding', String(exercise.params.binding), '-o', 'jsonpath={.subjects[0].name}']);
      assert.equal(binding.stdout, 'system:anonymous', 'the weakness is in place, under this learner’s own name, before the learner arrives');
    }
    assert.notEqual(first.exercise.seed, second.exercise.seed);
    assert.notEqual(first.exercise.params.binding, second.exercise.params.binding, 'two learners do not paste the same answer');
    assert.notEqual(first.exercise.seed, ex.seed, 'not the catalog’s preview values');
    await pools.release(ex, first.cluster);
    await pools.release(ex, second.cluster);
    pools.prepareOnly([], 2);
    assert.equal(pools.stats()['anonymous-access']?.warm, 0, 'an exercise no event needs any more loses its spare clusters');
  } finally {
    await pools.dispose();
  }
});

test('without a prepared cluster, a plain one from the generic pool is set up on demand', async () => {
  const ex = assertLoaded(await loadExercise(path.join(EXERCISES_DIR, 'anonymous-access'), LOAD_CONTEXT));
  const pools = new ExercisePools(testProvider(), { maxConcurrentStarts: 1, idleMs: 60_000, maxLifetimeMs: 600_000 });
  try {
    pools.prewarmGeneric(1);
    await eventually('a plain cluster', async () => pools.stats()[GENERIC]?.warm === 1, 60_000);
    const t0 = Date.now();
    const { cluster, exercise } = await pools.acquire(ex);
    const setupMs = Date.now() - t0;
    assert.equal(pools.stats()[GENERIC]?.leased, 1, 'taken from the generic pool');
    assert.equal(pools.stats()['anonymous-access']?.starting, 0, 'no exercise cluster was started for it');
    const binding = await kubectl(cluster, ['get', 'clusterrolebinding', String(exercise.params.binding), '-o', 'jsonpath={.subjects[0].name}']);
    assert.equal(binding.stdout, 'system:anonymous', `set up on demand (in ${setupMs} ms)`);
    await pools.release(ex, cluster);
    assert.equal(pools.stats()[GENERIC]?.leased, 0, 'released to the pool it came from');
  } finally {
    await pools.dispose();
  }
});
