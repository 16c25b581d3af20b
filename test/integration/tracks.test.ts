import assert from 'node:assert/strict';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import type { CatalogEntry, ExerciseView, Me, TrackView } from '../../server/protocol/rest.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { ApiUser } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { freePort, spawnServer } from '../support/server.ts';

describe('GET /api/tracks on the real server: the tracks/ files, the catalog, and progress from the real SQLite file', () => {
  const dataDir = testConfig().BATTEN_DATA_DIR;
  let server: ReturnType<typeof spawnServer>;
  let base = '';
  let admin: ApiUser;
  let ada: ApiUser;
  let adaId = 0;

  beforeAll(async () => {
    // no cluster: the tracks need none
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnServer({ PORT: String(port), POOL_SIZE: '0', PREWARM_EXERCISES: '', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    // loading the library takes a minute on a busy machine
    await eventually('the server', async () => (await fetch(`${base}/healthz`)).ok, 180_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${server.out.stderr}`);
    });
    [admin, ada] = [new ApiUser(base), new ApiUser(base)];
    await admin.call('POST', '/api/auth/signup', { username: 'root', displayName: 'Root', password: 'root-password-1' });
    adaId = (await ada.call<Me>('POST', '/api/auth/signup', { username: 'ada', displayName: 'Ada', password: 'ada-password-12' })).body.id;
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  const tracksOf = async (u: ApiUser): Promise<Map<string, TrackView>> => {
    const r = await u.call<TrackView[]>('GET', '/api/tracks');
    assert.equal(r.status, 200, r.text);
    return new Map(r.body.map((t) => [t.name, t]));
  };

  test('public like the catalog: the three tracks, in order, with the catalog’s facts and nothing solved', async () => {
    const tracks = await tracksOf(new ApiUser(base));
    assert.deepEqual([...tracks.keys()], ['cks-preparation', 'owasp-k8s-top-10', 'platform-team-day-one']);
    const day1 = tracks.get('platform-team-day-one')!;
    assert.equal(day1.title, 'Platform team, day one');
    assert.match(day1.description, /cluster-admin/);
    assert.deepEqual(day1.exercises.slice(0, 3).map((e) => e.name), ['default-sa-cluster-admin', 'anonymous-access', 'psa-enforce-namespaces']);
    assert.deepEqual([...tracks.values()].map((t) => [t.solved, t.broken, t.problems]), [[0, false, undefined], [0, false, undefined], [0, false, undefined]]);

    const catalog = new Map((await ada.call<CatalogEntry[]>('GET', '/api/exercises')).body.map((e) => [e.name, e]));
    const first = day1.exercises[0]!;
    const entry = catalog.get(first.name)!;
    assert.deepEqual([first.title, first.difficulty, first.minutes, first.tags], [entry.title, entry.difficulty, entry.minutes, entry.tags]);
    for (const t of tracks.values()) for (const e of t.exercises) assert.equal(e.available, catalog.get(e.name)?.available, `${t.name}/${e.name}: available as in the catalog`);
    const { capabilities } = (await ada.call<{ capabilities: string[] }>('GET', '/api/pool')).body;
    const hostpid = tracks.get('cks-preparation')!.exercises.find((e) => e.name === 'hostpid-node-escape')!;
    if (!capabilities.includes('runtime')) assert.match(hostpid.unavailableReason ?? '', /needs runtime/, 'unavailable on this provider, with the reason');
  });

  test('an exercise with every objective awarded counts as solved in every track holding it, for that learner only', async () => {
    const view = (await ada.call<ExerciseView>('GET', '/api/exercises/default-sa-cluster-admin')).body;
    const objectiveIds = view.objectives.map((o) => o.id);
    assert.ok(objectiveIds.length >= 2);
    const db = openDatabase(path.join(dataDir, 'batten.db'));
    try {
      const store = new ScoreStore(db);
      const award = (exercise: string, id: string, ids: string[]) => store.awardObjective({ userId: adaId, eventId: 0, exercise }, { id, points: 10 }, { objectiveIds: ids, completionBonus: 0 });
      // one objective of two is not solved
      award('default-sa-cluster-admin', objectiveIds[0]!, objectiveIds);
      let mine = await tracksOf(ada);
      assert.equal(mine.get('platform-team-day-one')!.solved, 0);
      for (const id of objectiveIds.slice(1)) award('default-sa-cluster-admin', id, objectiveIds);
    } finally {
      db.close();
    }
    const mine = await tracksOf(ada);
    assert.deepEqual([...mine.values()].map((t) => [t.name, t.solved]), [['cks-preparation', 1], ['owasp-k8s-top-10', 1], ['platform-team-day-one', 1]]);
    assert.deepEqual(mine.get('owasp-k8s-top-10')!.exercises.map((e) => e.solved).indexOf(true), 1, 'K02 is the second step');
    assert.equal(mine.get('platform-team-day-one')!.exercises[0]!.solved, true);
    assert.equal((await tracksOf(admin)).get('platform-team-day-one')!.solved, 0, 'someone else’s progress is their own');
  });
});
