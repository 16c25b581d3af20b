import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Cluster } from '../clusters/provider.ts';
import type { EventStore } from '../events/event-store.ts';
import type { ExercisePools } from '../exercises/exercise-pools.ts';
import type { LoadedExercise } from '../exercises/loader.ts';
import type { Me } from '../protocol/rest.ts';
import type { ScoreStore } from '../scoring/score-store.ts';
import { SessionError, SessionManager } from './session-manager.ts';

const ada: Me = { id: 1, username: 'ada', displayName: 'Ada', role: 'learner' };
const bob: Me = { id: 2, username: 'bob', displayName: 'Bob', role: 'learner' };
const exercise = (name: string) => ({ name, exercise: { objectives: [] }, template: { raw: { objectives: [] }, briefing: '' } }) as unknown as LoadedExercise;

/** A manager whose pool never hands out a cluster until the test fails the acquisitions. */
function manager(maxPreparing: number) {
  const pending: ((e: Error) => void)[] = [];
  const pools = { acquire: () => new Promise<Cluster>((_ok, fail) => pending.push(fail)), release: async () => undefined } as unknown as ExercisePools;
  const store = { revealedHints: () => new Set(), awardedObjectives: () => new Set(), score: () => 0 } as unknown as ScoreStore;
  const sessions = new SessionManager({
    exercise: (n) => (['a', 'b'].includes(n) ? exercise(n) : undefined),
    pools,
    store,
    events: {} as EventStore,
    maxPreparing,
    terminal: {} as never,
    onUpdate: () => undefined,
    onObjective: () => undefined,
    onAward: () => undefined,
    onError: () => undefined,
  });
  const failAll = async () => {
    for (const fail of pending.splice(0)) fail(new Error('no cluster'));
    await new Promise((r) => setImmediate(r));
  };
  return { sessions, pending, failAll };
}

const status = (f: () => unknown) => {
  try {
    f();
    return 200;
  } catch (e) {
    if (e instanceof SessionError) return e.status;
    throw e;
  }
};

test('starting the same exercise ten times prepares one cluster', () => {
  const { sessions, pending } = manager(8);
  const ids = new Set(Array.from({ length: 10 }, () => sessions.start(ada, 'a', 0).id));
  assert.equal(ids.size, 1);
  assert.equal(pending.length, 1);
});

test('a learner prepares one cluster at a time, even after ending the session', async () => {
  const { sessions, pending, failAll } = manager(8);
  const first = sessions.start(ada, 'a', 0);
  assert.equal(status(() => sessions.start(ada, 'b', 0)), 429);
  await sessions.end(ada, first.id);
  assert.equal(status(() => sessions.start(ada, 'b', 0)), 429, 'ending frees no slot while the cluster is still coming');
  assert.equal(pending.length, 1);
  await failAll();
  assert.equal(status(() => sessions.start(ada, 'b', 0)), 200);
});

test('the platform prepares at most its limit of clusters at once', async () => {
  const { sessions, failAll } = manager(1);
  sessions.start(ada, 'a', 0);
  assert.equal(status(() => sessions.start(bob, 'a', 0)), 503);
  await failAll();
  assert.equal(status(() => sessions.start(bob, 'a', 0)), 200);
});
