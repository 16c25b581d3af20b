import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Announcement, EventView, InstructorGrid, Leaderboard, Me, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { FIX_DEFAULT_SA } from '../support/exercise-fixes.ts';
import { startTestServer } from '../support/server.ts';

const EXERCISE = 'default-sa-cluster-admin';

/** Types the fix in the learner's real terminal (over the socket) and waits for the award. */
async function fixInTerminal(u: ApiUser, sessionId: string): Promise<void> {
  const s = u.socket();
  try {
    await next(s, 'connect' as never);
    s.emit('session:watch', { sessionId });
    s.emit('terminal:attach', { sessionId, cols: 120, rows: 30 });
    await next(s, 'terminal:replay');
    const prompt = next(s, 'terminal:data', (p) => p.data.includes('$'));
    s.emit('terminal:input', { sessionId, data: '\n' });
    await prompt;
    const award = next(s, 'award', (p) => p.bonus > 0, 60_000);
    s.emit('terminal:input', { sessionId, data: `${FIX_DEFAULT_SA}\n` });
    await award;
  } finally {
    s.disconnect();
  }
}

describe('events that run themselves: policy, live grid, announcements, instructor actions, the end', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  let alice: ApiUser; // admin, the events' instructor
  let bob: ApiUser;
  let carol: ApiUser;
  let bobId = 0;
  let event: EventView;

  const ready = (u: ApiUser, id: string) => eventually(`session ${id} to be ready`, async () => (await u.call<SessionView>('GET', `/api/sessions/${id}`)).body.status === 'ready', 120_000);
  const status = async (u: ApiUser, id: string) => (await u.call<SessionView>('GET', `/api/sessions/${id}`)).body.status;

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '1', PREWARM_EXERCISES: EXERCISE, BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'warn', COMPLETION_GRACE_SECONDS: '3' });
    base = server.base;
    [alice, bob, carol] = [new ApiUser(base), new ApiUser(base), new ApiUser(base)];
    await alice.call('POST', '/api/auth/signup', { username: 'alice', displayName: 'Alice', password: 'alice-password-1' });
    bobId = (await bob.call<Me>('POST', '/api/auth/signup', { username: 'bob', displayName: 'Bob', password: 'bob-password-12' })).body.id;
    await carol.call('POST', '/api/auth/signup', { username: 'carol', displayName: 'Carol', password: 'carol-password-1' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('an event’s policy is validated, stored and shown', async () => {
    const now = Date.now();
    const body = { name: 'Frozen CTF', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 30 * 60_000).toISOString(), exercises: [EXERCISE] };
    const bad = await alice.call<{ field: string }>('POST', '/api/events', { ...body, destroyClusters: 'never' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'destroyClusters');
    assert.equal((await alice.call<{ field: string }>('POST', '/api/events', { ...body, hintCostMultiplier: -1 })).body.field, 'hintCostMultiplier');
    // frozen for its whole length, no hints, clusters destroyed on completion
    const r = await alice.call<EventView>('POST', '/api/events', { ...body, freezeMinutes: 600, hintsAllowed: false, destroyClusters: 'completion' });
    assert.equal(r.status, 201);
    event = r.body;
    assert.deepEqual([event.freezeMinutes, event.hintsAllowed, event.hintCostMultiplier, event.destroyClusters], [600, false, 1, 'completion']);
    for (const u of [bob, carol]) assert.equal((await u.call('POST', '/api/events/join', { code: event.joinCode })).status, 200);
  });

  test('the grid is pushed to the instructor as the learner fixes; the learners’ scoreboard stays frozen; hints are off; the cluster goes on completion', async () => {
    const grid = alice.socket();
    const watcher = carol.socket();
    const learner = bob.socket();
    try {
      await Promise.all([next(grid, 'connect' as never), next(watcher, 'connect' as never), next(learner, 'connect' as never)]);
      // a learner may not watch the grid
      const refused = next(learner, 'error', (p) => p.event === 'grid:watch');
      learner.emit('grid:watch', { eventId: event.id });
      assert.match((await refused).error, /instructors/);
      const first = next(grid, 'grid:update');
      grid.emit('grid:watch', { eventId: event.id });
      assert.deepEqual((await first).learners.map((l) => l.name).sort(), ['Bob', 'Carol']);

      const started = await bob.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: event.id });
      assert.equal(started.status, 202);
      const running = next(grid, 'grid:update', (g) => g.learners.find((l) => l.id === bobId)?.session?.status === 'ready', 120_000);
      await ready(bob, started.body.id);
      assert.equal((await running).learners.find((l) => l.id === bobId)?.session?.id, started.body.id);

      const hint = await bob.call<{ error: string }>('POST', `/api/sessions/${started.body.id}/hints`, { objective: 'sa-cannot-read-secrets', index: 0 });
      assert.equal(hint.status, 403);
      assert.equal(hint.body.error, 'hints are off in this event');

      const met = next(grid, 'grid:update', (g) => g.learners.find((l) => l.id === bobId)?.states[`${EXERCISE}/sa-cannot-read-secrets`] === 'met', 60_000);
      const staffBoard = alice.socket();
      await next(staffBoard, 'connect' as never);
      const live = next(staffBoard, 'leaderboard:update', (lb: Leaderboard) => lb.individuals.find((i) => i.name === 'Bob')?.score === 170, 60_000);
      staffBoard.emit('leaderboard:watch', { eventId: event.id });
      const frozen = next(watcher, 'leaderboard:update');
      watcher.emit('leaderboard:watch', { eventId: event.id });
      await frozen;
      const ended = next(learner, 'session:update', (s) => s.id === started.body.id && s.status === 'ended', 60_000);
      await fixInTerminal(bob, started.body.id);
      const g: InstructorGrid = await met;
      assert.ok(g.learners.find((l) => l.id === bobId)?.latestSessions[EXERCISE]);
      assert.equal((await live).individuals.find((i) => i.name === 'Bob')?.score, 170, 'the staff see the live score');
      staffBoard.disconnect();
      // the learners' board counts nothing scored during the freeze (here: the whole event)
      const seen = await carol.call<Leaderboard>('GET', `/api/events/${event.id}/leaderboard`);
      assert.equal(seen.body.frozenAt, event.startsAt);
      assert.equal(seen.body.individuals.find((i) => i.name === 'Bob')?.score, 0);
      assert.equal((await alice.call<Leaderboard>('GET', `/api/events/${event.id}/leaderboard`)).body.frozenAt, undefined);
      // completed: the session ends by itself a few seconds later (COMPLETION_GRACE_SECONDS=3)
      await ended;
    } finally {
      grid.disconnect();
      watcher.disconnect();
      learner.disconnect();
    }
  });

  test('announcements reach every participant at once; only the event’s instructors make them', async () => {
    const [b, c] = [bob.socket(), carol.socket()];
    try {
      await Promise.all([next(b, 'connect' as never), next(c, 'connect' as never)]);
      const got = Promise.all([next(b, 'announcement'), next(c, 'announcement')]);
      const r = await alice.call<Announcement>('POST', `/api/events/${event.id}/announcements`, { text: 'Ten minutes left' });
      assert.equal(r.status, 201);
      for (const a of await got) assert.deepEqual([a.eventId, a.text], [event.id, 'Ten minutes left']);
      assert.equal((await bob.call('POST', `/api/events/${event.id}/announcements`, { text: 'free points at evil.example' })).status, 403);
      assert.equal((await alice.call<{ field: string }>('POST', `/api/events/${event.id}/announcements`, { text: 'x'.repeat(501) })).body.field, 'text');
      const list = await carol.call<Announcement[]>('GET', `/api/events/${event.id}/announcements`);
      assert.deepEqual(list.body.map((a) => a.text), ['Ten minutes left']);
      const outsider = new ApiUser(base);
      await outsider.call('POST', '/api/auth/signup', { username: 'eve', displayName: 'Eve', password: 'eve-password-123' });
      assert.equal((await outsider.call('GET', `/api/events/${event.id}/announcements`)).status, 404);
    } finally {
      b.disconnect();
      c.disconnect();
    }
  });

  test('a fresh cluster (by the learner or the instructor) keeps the awards and recomputes the states; the instructor ends a session', async () => {
    const first = (await bob.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: event.id })).body;
    await ready(bob, first.id);
    // the learner resets: a new session on a new cluster; the points stay, the weakness is back
    const reset = await bob.call<SessionView>('POST', `/api/sessions/${first.id}/reset`);
    assert.equal(reset.status, 202);
    assert.notEqual(reset.body.id, first.id);
    assert.equal(await status(bob, first.id), 'ended');
    await ready(bob, reset.body.id);
    await eventually('the new cluster to be checked', async () => (await bob.call<SessionView>('GET', `/api/sessions/${reset.body.id}`)).body.objectives.every((o) => o.state === 'unmet'), 30_000);
    const view = (await bob.call<SessionView>('GET', `/api/sessions/${reset.body.id}`)).body;
    assert.ok(view.objectives.every((o) => o.awarded), 'awards are kept');
    assert.equal(view.score, 170);

    // the instructor does the same for them; learners cannot
    const path = `/api/events/${event.id}/learners/${bobId}`;
    assert.equal((await carol.call('POST', `${path}/fresh-cluster`)).status, 403);
    assert.equal((await alice.call('POST', `/api/events/${event.id}/learners/999999/fresh-cluster`)).status, 404);
    const learner = bob.socket();
    try {
      await next(learner, 'connect' as never);
      const fresh = await alice.call<SessionView>('POST', `${path}/fresh-cluster`);
      assert.equal(fresh.status, 200);
      assert.notEqual(fresh.body.id, reset.body.id);
      // the learner's page learns of the new session on their own socket
      await next(learner, 'session:update', (s) => s.id === fresh.body.id && s.status === 'ready', 120_000);
      assert.equal((await alice.call('POST', `${path}/end-session`)).status, 204);
      assert.equal(await status(bob, fresh.body.id), 'ended');
      assert.equal((await alice.call('POST', `${path}/end-session`)).status, 404, 'nothing left to end');
    } finally {
      learner.disconnect();
    }
  });

  test('at the end, time is up for everyone but the learner given extra minutes', async () => {
    const now = Date.now();
    const short = (await alice.call<EventView>('POST', '/api/events', { name: 'Short lab', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 25_000).toISOString(), exercises: [EXERCISE] })).body;
    for (const u of [bob, carol]) await u.call('POST', '/api/events/join', { code: short.joinCode });
    const extended = await alice.call<{ extraMinutes: number }>('POST', `/api/events/${short.id}/learners/${bobId}/extend`, { minutes: 5 });
    assert.deepEqual(extended.body, { extraMinutes: 5 });
    assert.equal((await alice.call<{ field: string }>('POST', `/api/events/${short.id}/learners/${bobId}/extend`, { minutes: 0 })).body.field, 'minutes');
    const c = (await carol.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: short.id })).body;
    await ready(carol, c.id);
    await eventually('the event to end', async () => Date.now() > Date.parse(short.endsAt), 40_000);
    // within the ender's period (10 s) Carol's session ends and its cluster goes
    await eventually('Carol’s session to end with the event', async () => (await status(carol, c.id)) === 'ended', 30_000);
    assert.equal((await carol.call('POST', `/api/exercises/${EXERCISE}/start`, { eventId: short.id })).status, 409);
    // Bob still has five minutes
    const b = await bob.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: short.id });
    assert.equal(b.status, 202);
    await bob.call('DELETE', `/api/sessions/${b.body.id}`);
  });
});
