import assert from 'node:assert/strict';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { openDatabase } from '../../server/db/database.ts';
import type { ApiError, CompetencyReport, EventView, ExerciseView, Me } from '../../server/protocol/rest.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { ApiUser } from '../support/api-client.ts';
import { testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';

const RBAC = 'default-sa-cluster-admin'; // K02, cks-cluster-hardening
const SECRETS = 'password-in-env'; // K03, cks-microservice-vulnerabilities

describe('competency reports on the real server, from work recorded in the real SQLite file', () => {
  const dataDir = testConfig().BATTEN_DATA_DIR;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  let root: ApiUser;
  let teacher: ApiUser;
  let ada: ApiUser;
  let bob: ApiUser;
  let event: EventView;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    // no cluster: the event starts tomorrow (nothing is pre-warmed for it) and the work is
    // recorded with the score store, whose clock is put inside the event
    server = await startTestServer({ POOL_SIZE: '0', PREWARM_EXERCISES: '', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    base = server.base;
    [root, teacher, ada, bob] = [new ApiUser(base), new ApiUser(base), new ApiUser(base), new ApiUser(base)];
    const cy = new ApiUser(base);
    const signup = async (u: ApiUser, name: string) => (ids[name] = (await u.call<Me>('POST', '/api/auth/signup', { username: name.toLowerCase(), displayName: name, password: `${name}-password-12` })).body.id);
    for (const [u, name] of [[root, 'Root'], [teacher, 'Teacher'], [ada, 'Ada'], [bob, 'Bob'], [cy, 'Cyd']] as const) await signup(u, name);
    assert.equal((await root.call<Me>('POST', '/api/users/role', { username: 'teacher', role: 'instructor' })).body.role, 'instructor');
    const startsAt = new Date(Date.now() + 86_400_000);
    const created = await teacher.call<EventView>('POST', '/api/events', { name: 'Spring CTF', startsAt: startsAt.toISOString(), endsAt: new Date(startsAt.getTime() + 7_200_000).toISOString(), exercises: [RBAC, SECRETS] });
    assert.equal(created.status, 201, created.text);
    event = created.body;
    for (const u of [ada, bob, cy]) assert.equal((await u.call('POST', '/api/events/join', { code: event.joinCode })).status, 200);
    const red = await ada.call<{ id: number }>('POST', `/api/events/${event.id}/teams`, { name: 'red' });
    assert.equal((await bob.call('POST', `/api/teams/${red.body.id}/join`)).status, 200);

    const objectives = async (name: string) => (await ada.call<ExerciseView>('GET', `/api/exercises/${name}`)).body.objectives.map((o) => o.id);
    const [rbac, secrets] = [await objectives(RBAC), await objectives(SECRETS)];
    assert.ok(rbac.length >= 2, 'the rbac exercise has two objectives or more');
    const db = openDatabase(path.join(dataDir, 'batten.db'));
    try {
      const store = new ScoreStore(db, () => new Date(startsAt.getTime() + 1_800_000));
      const award = (userId: number, eventId: number, exercise: string, all: string[], some = all) => {
        for (const id of some) store.awardObjective({ userId, eventId, exercise }, { id, points: 10 }, { objectiveIds: all, completionBonus: 5 });
      };
      // a session's start is the database's clock; the store takes no other, so it is moved back
      const startedMinutesAgo = (session: string, minutes: number) => db.prepare("UPDATE sessions SET started_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', ?) WHERE id = ?").run(`-${minutes} minutes`, session);
      // Ada solves both: the rbac one in 30 minutes, the secrets one in 10
      store.startSession('ada-rbac', { userId: ids.Ada!, eventId: event.id, exercise: RBAC }, 'c1');
      store.startSession('ada-secrets', { userId: ids.Ada!, eventId: event.id, exercise: SECRETS }, 'c2');
      award(ids.Ada!, event.id, RBAC, rbac);
      award(ids.Ada!, event.id, SECRETS, secrets);
      startedMinutesAgo('ada-rbac', 30);
      startedMinutesAgo('ada-secrets', 10);
      // Bob meets the first rbac objective, breaks it again, takes a hint, and stops there
      store.startSession('bob-rbac', { userId: ids.Bob!, eventId: event.id, exercise: RBAC }, 'c3');
      store.recordResult('bob-rbac', rbac[0]!, 'met', 'ok');
      store.recordResult('bob-rbac', rbac[0]!, 'regressed', 'the binding is back');
      store.revealHint({ userId: ids.Bob!, eventId: event.id, exercise: RBAC }, rbac[1]!, 0, 10);
      award(ids.Bob!, event.id, RBAC, rbac, rbac.slice(0, 1));
      // Ada in practice: in her own report, not the event's
      store.startSession('ada-practice', { userId: ids.Ada!, eventId: 0, exercise: RBAC }, 'c4');
    } finally {
      db.close();
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('the event’s instructor gets the numbers: the room, hardest first, every learner and team', async () => {
    const r = await teacher.call<CompetencyReport>('GET', `/api/events/${event.id}/report`);
    assert.equal(r.status, 200, r.text);
    const rep = r.body;
    assert.deepEqual(rep.scope, { kind: 'event', eventId: event.id, name: 'Spring CTF' });
    assert.deepEqual(rep.room.total, { attempted: 3, solved: 2, solveRate: 2 / 3, hints: 1, hintPoints: 10, regressions: 1, medianMinutesToSolve: 20 });
    assert.equal(rep.room.categories.length, 16);
    assert.deepEqual(rep.room.categories.slice(0, 4).map((c) => [c.tag, c.attempted, c.solved, c.solveRate, c.hints, c.regressions]), [
      ['K02', 2, 1, 0.5, 1, 1],
      ['cks-cluster-hardening', 2, 1, 0.5, 1, 1],
      ['K03', 1, 1, 1, 0, 0],
      ['cks-microservice-vulnerabilities', 1, 1, 1, 0, 0],
    ]);
    assert.equal(rep.room.categories[4]!.attempted, 0);
    assert.deepEqual(rep.room.exercises.map((e) => [e.name, e.attempted, e.solved, e.medianMinutesToSolve]), [[RBAC, 2, 1, 30], [SECRETS, 1, 1, 10]]);
    assert.deepEqual(rep.learners.map((l) => [l.name, l.team, l.total.attempted, l.total.solved, l.total.hintPoints, l.total.regressions]), [
      ['Ada', 'red', 2, 2, 0, 0],
      ['Bob', 'red', 1, 0, 10, 1],
      ['Cyd', undefined, 0, 0, 0, 0],
    ]);
    assert.deepEqual(rep.teams.map((t) => [t.name, t.total.attempted, t.total.solved, t.total.solveRate]), [['red', 3, 2, 2 / 3]]);
    // an admin may see it too
    assert.equal((await root.call('GET', `/api/events/${event.id}/report`)).status, 200);
  });

  test('the CSV: one row per learner × category by default, by team and by category on request; a bad view names the field', async () => {
    const byLearner = await fetch(`${base}/api/events/${event.id}/report.csv`, { headers: { cookie: teacher.cookie } });
    assert.equal(byLearner.status, 200);
    assert.match(byLearner.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(byLearner.headers.get('content-disposition') ?? '', /attachment; filename="?competency-\d+-by-learner\.csv"?$/);
    const lines = (await byLearner.text()).trimEnd().split('\n');
    assert.equal(lines[0], 'learner,team,curriculum,category,title,attempted,solved,solve_rate,median_minutes_to_solve,hints,hint_points,regressions');
    assert.ok(lines.includes('"Bob","red","owasp","K02","Overly permissive authorization",1,0,0,,1,10,1'), lines.join('\n'));
    assert.ok(lines.includes('"Ada","red","owasp","K03","Secrets management failures",1,1,1,10,0,0,0'), lines.join('\n'));
    assert.ok(lines.includes('"Cyd",,"all","all","every exercise",0,0,,,0,0,0'), lines.join('\n'));
    assert.equal(lines.length, 1 + 5 + 3 + 1, 'Ada: all + 4 categories; Bob: all + 2; Cy: all');

    const byTeam = (await teacher.call('GET', `/api/events/${event.id}/report.csv?by=team`)).text.split('\n');
    assert.equal(byTeam[1], '"red","all","all","every exercise",3,2,0.667,20,1,10,1');
    const byCategory = (await teacher.call('GET', `/api/events/${event.id}/report.csv?by=category`)).text.split('\n');
    assert.equal(byCategory[1], '"category","K02","Overly permissive authorization","owasp",2,1,0.5,30,1,10,1');
    assert.ok(byCategory.includes(`"exercise","${SECRETS}",,"${['secrets', 'environment', 'configmap', 'runtime', 'K03', 'cks-microservice-vulnerabilities'].join(' ')}",1,1,1,10,0,0,0`), byCategory.join('\n'));
    const bad = await teacher.call<ApiError>('GET', `/api/events/${event.id}/report.csv?by=room`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'by');
  });

  test('the JSON download is the same report, as an attachment', async () => {
    const res = await fetch(`${base}/api/events/${event.id}/report.json`, { headers: { cookie: teacher.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="?competency-\d+\.json"?$/);
    const body = (await res.json()) as CompetencyReport;
    assert.deepEqual(body.learners.map((l) => l.name), ['Ada', 'Bob', 'Cyd']);
    assert.equal(body.room.total.solved, 2);
  });

  test('a learner gets 403 with an error body on the event’s report; signed out is 401; an unknown event is refused alike', async () => {
    for (const p of ['report', 'report.csv', 'report.json']) {
      const r = await bob.call<ApiError>('GET', `/api/events/${event.id}/${p}`);
      assert.equal(r.status, 403, p);
      assert.match(r.body.error, /instructors and admins/);
    }
    assert.equal((await new ApiUser(base).call('GET', `/api/events/${event.id}/report`)).status, 401);
    assert.equal((await teacher.call('GET', '/api/events/99999/report')).status, 403);
  });

  test('a learner gets their own report: every event and practice, nobody else’s work', async () => {
    const bobs = (await bob.call<CompetencyReport>('GET', '/api/me/report')).body;
    assert.deepEqual(bobs.scope, { kind: 'learner', userId: ids.Bob, name: 'Bob' });
    assert.deepEqual(bobs.learners.map((l) => [l.name, l.total.attempted, l.total.solved, l.total.regressions]), [['Bob', 1, 0, 1]]);
    assert.deepEqual(bobs.room.exercises.map((e) => e.name), [RBAC]);
    const adas = (await ada.call<CompetencyReport>('GET', '/api/me/report')).body;
    assert.deepEqual([adas.room.total.attempted, adas.room.total.solved], [3, 2], 'both event exercises and the practice one');
    assert.deepEqual(adas.teams, []);
  });
});
