import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { EventView, Leaderboard, Me, PlatformView, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import { FIX_DEFAULT_SA } from '../support/exercise-fixes.ts';


describe('the platform API: accounts, events, a learner fixing an exercise, live scores', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  let alice: ApiUser; // first account: admin
  let bob: ApiUser;
  let carol: ApiUser;
  let event: EventView;
  let session: SessionView;

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '1', PREWARM_EXERCISES: 'default-sa-cluster-admin', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'warn' });
    base = server.base;
    [alice, bob, carol] = [new ApiUser(base), new ApiUser(base), new ApiUser(base)];
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('sign-up: the first account is admin, the next are learners; bad input names the field', async () => {
    const a = await alice.call<Me>('POST', '/api/auth/signup', { username: 'alice', displayName: 'Alice', password: 'alice-password-1' });
    assert.equal(a.status, 201);
    assert.equal(a.body.role, 'admin');
    assert.match(alice.cookie, /^batten_session=/);
    assert.equal((await bob.call<Me>('POST', '/api/auth/signup', { username: 'bob', displayName: 'Bob', password: 'bob-password-12' })).body.role, 'learner');
    await carol.call('POST', '/api/auth/signup', { username: 'carol', displayName: 'Carol', password: 'carol-password-1' });
    const weak = await new ApiUser(base).call<{ error: string; field: string }>('POST', '/api/auth/signup', { username: 'dave', displayName: 'Dave', password: 'short' });
    assert.equal(weak.status, 400);
    assert.equal(weak.body.field, 'password');
    assert.equal((await new ApiUser(base).call('POST', '/api/auth/signup', { username: 'alice', displayName: 'A', password: 'another-password' })).status, 409);
    assert.equal((await new ApiUser(base).call('POST', '/api/auth/login', { username: 'alice', password: 'wrong-password!' })).status, 401);
  });

  test('the session cookie is HttpOnly and SameSite=Strict; requests without the CSRF header or from another origin are refused', async () => {
    const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-batten-csrf': '1' }, body: JSON.stringify({ username: 'bob', password: 'bob-password-12' }) });
    assert.match(res.headers.get('set-cookie') ?? '', /HttpOnly/i);
    assert.match(res.headers.get('set-cookie') ?? '', /SameSite=Strict/i);
    assert.equal((await bob.call('POST', '/api/events/join', { code: 'XXXX' }, { 'x-batten-csrf': '' })).status, 403);
    assert.equal((await bob.call('POST', '/api/events/join', { code: 'XXXX' }, { origin: 'https://evil.example' })).status, 403);
  });

  test('the staff can see which provider isolates the learners; learners and anonymous clients cannot', async () => {
    const view = await alice.call<PlatformView>('GET', '/api/platform');
    assert.equal(view.status, 200);
    assert.deepEqual(view.body, { provider: 'embedded', capabilities: ['api', 'nodes'], trustedLearnersOnly: false, signup: 'open' });
    assert.equal((await bob.call('GET', '/api/platform')).status, 403);
    assert.equal((await new ApiUser(base).call('GET', '/api/platform')).status, 401);
  });

  test('an admin makes someone an instructor; instructors create events, learners cannot', async () => {
    const now = Date.now();
    const body = { name: 'Friday CTF', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), exercises: ['default-sa-cluster-admin'] };
    assert.equal((await bob.call('POST', '/api/events', body)).status, 403);
    assert.equal((await bob.call('POST', '/api/users/role', { username: 'bob', role: 'admin' })).status, 403, 'no self-promotion');
    const dave = new ApiUser(base);
    await dave.call('POST', '/api/auth/signup', { username: 'dave', displayName: 'Dave', password: 'dave-password-12' });
    assert.equal((await alice.call<Me>('POST', '/api/users/role', { username: 'dave', role: 'instructor' })).body.role, 'instructor');
    assert.equal((await dave.call('POST', '/api/events', { ...body, name: 'Dave’s class' })).status, 201);
    const r = await alice.call<EventView>('POST', '/api/events', body);
    assert.equal(r.status, 201);
    event = r.body;
    assert.match(event.joinCode ?? '', /^[A-Z2-9]{8}$/);
  });

  test('learners join with the code and form a team', async () => {
    assert.equal((await bob.call('POST', '/api/events/join', { code: 'NOPE1234' })).status, 404);
    const joined = await bob.call<EventView>('POST', '/api/events/join', { code: event.joinCode!.toLowerCase() });
    assert.equal(joined.status, 200);
    assert.equal(joined.body.joinCode, undefined, 'learners do not see the join code');
    const team = await bob.call<{ id: number }>('POST', `/api/events/${event.id}/teams`, { name: 'red' });
    assert.equal(team.status, 201);
    await carol.call('POST', '/api/events/join', { code: event.joinCode });
    assert.equal((await carol.call('POST', `/api/teams/${team.body.id}/join`)).status, 200);
  });

  test('a learner starts the exercise and gets a ready terminal from a prepared cluster', async () => {
    const r = await bob.call<SessionView>('POST', '/api/exercises/default-sa-cluster-admin/start', { eventId: event.id });
    assert.equal(r.status, 202);
    session = r.body;
    await eventually('the session to be ready', async () => (await bob.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 90_000);
  });

  test('typing the fix in the terminal turns the objectives met, awards points and moves the leaderboard', async () => {
    const s = bob.socket();
    const watcher = carol.socket();
    try {
      await Promise.all([next(s, 'connect' as never), next(watcher, 'connect' as never)]);
      watcher.emit('leaderboard:watch', { eventId: event.id });
      s.emit('session:watch', { sessionId: session.id });
      s.emit('terminal:attach', { sessionId: session.id, cols: 120, rows: 30 });
      await next(s, 'terminal:replay');
      const prompt = next(s, 'terminal:data', (p) => p.data.includes('$'));
      s.emit('terminal:input', { sessionId: session.id, data: '\n' });
      await prompt;
      const met = next(s, 'objective:update', (p) => p.objective.id === 'sa-cannot-read-secrets' && p.objective.state === 'met', 30_000);
      const award = next(s, 'award', (p) => p.objective === 'sa-cannot-read-secrets', 30_000);
      const board = next(watcher, 'leaderboard:update', (lb: Leaderboard) => (lb.teams.find((t) => t.name === 'red')?.score ?? 0) >= 170, 30_000);
      s.emit('terminal:input', { sessionId: session.id, data: `${FIX_DEFAULT_SA}\n` });
      await met;
      assert.equal((await award).points, 100);
      const lb = await board;
      assert.equal(lb.teams[0]?.name, 'red');
      assert.equal(lb.individuals.find((i) => i.name === 'Bob')?.score, 170);
    } finally {
      s.disconnect();
      watcher.disconnect();
    }
  });

  test('a hint costs its points once', async () => {
    const h1 = await bob.call<{ text: string; cost: number }>('POST', `/api/sessions/${session.id}/hints`, { objective: 'sa-cannot-read-secrets', index: 0 });
    assert.equal(h1.status, 200);
    assert.match(h1.body.text, /bindings/);
    await bob.call('POST', `/api/sessions/${session.id}/hints`, { objective: 'sa-cannot-read-secrets', index: 0 });
    assert.equal((await bob.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.score, 160);
  });

  test('the instructor sees the learner × objective grid and can export the leaderboard', async () => {
    const grid = await alice.call<{ learners: { name: string; hintsUsed: number; states: Record<string, string> }[] }>('GET', `/api/events/${event.id}/grid`);
    assert.equal(grid.status, 200);
    const b = grid.body.learners.find((l) => l.name === 'Bob')!;
    assert.equal(b.states['default-sa-cluster-admin/sa-cannot-read-secrets'], 'met');
    assert.equal(b.hintsUsed, 1);
    const csv = await alice.call('GET', `/api/events/${event.id}/leaderboard.csv`);
    assert.match(csv.text, /^kind,rank,name,score/);
    assert.match(csv.text, /team,1,"red",160/);
  });
});
