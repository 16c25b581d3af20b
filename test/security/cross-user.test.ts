import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { io } from 'socket.io-client';
import type { EventView, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import { FIX_ANONYMOUS_ACCESS } from '../support/exercise-fixes.ts';

/** Emits anything, as a hostile client would. */
const emitRaw = (sock: unknown, event: string, payload: unknown) => (sock as { emit(e: string, p: unknown): void }).emit(event, payload);


describe('one learner cannot reach another learner, instructor routes or the scores', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  let admin: ApiUser;
  let victim: ApiUser;
  let attacker: ApiUser;
  let event: EventView;
  let session: SessionView;

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '1', PREWARM_EXERCISES: 'anonymous-access', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
    base = server.base;
    [admin, victim, attacker] = [new ApiUser(base), new ApiUser(base), new ApiUser(base)];
    await admin.call('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'admin-password-1' });
    await victim.call('POST', '/api/auth/signup', { username: 'victim', displayName: 'Victim', password: 'victim-password-1' });
    await attacker.call('POST', '/api/auth/signup', { username: 'mallory', displayName: 'Mallory', password: 'mallory-password-1' });
    event = (await admin.call<EventView>('POST', '/api/events', { name: 'E', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), exercises: ['anonymous-access'] })).body;
    await victim.call('POST', '/api/events/join', { code: event.joinCode });
    await attacker.call('POST', '/api/events/join', { code: event.joinCode });
    session = (await victim.call<SessionView>('POST', '/api/exercises/anonymous-access/start', { eventId: event.id })).body;
    await eventually('the victim session', async () => (await victim.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 90_000);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test("another learner's session is invisible over REST", async () => {
    assert.equal((await attacker.call('GET', `/api/sessions/${session.id}`)).status, 404);
    assert.equal((await attacker.call('POST', `/api/sessions/${session.id}/hints`, { objective: 'anonymous-cannot-read-secrets', index: 0 })).status, 404);
    assert.equal((await attacker.call('DELETE', `/api/sessions/${session.id}`)).status, 404);
    assert.equal((await victim.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status, 'ready');
  });

  test('instructor routes refuse learners', async () => {
    assert.equal((await attacker.call('GET', `/api/events/${event.id}/grid`)).status, 403);
    assert.equal((await attacker.call('GET', `/api/events/${event.id}/leaderboard.csv`)).status, 403);
    assert.equal((await attacker.call('POST', '/api/events', { name: 'x', startsAt: new Date().toISOString(), endsAt: new Date(Date.now() + 1000).toISOString(), exercises: ['anonymous-access'] })).status, 403);
    assert.equal((await new ApiUser(base).call('GET', '/api/events')).status, 401);
  });

  test("a socket cannot attach to, type into or watch another learner's terminal", async () => {
    const s = attacker.socket();
    try {
      await next(s, 'connect' as never);
      for (const [event, payload] of [
        ['terminal:attach', { sessionId: session.id, cols: 80, rows: 24 }],
        ['terminal:input', { sessionId: session.id, data: `${FIX_ANONYMOUS_ACCESS}\n` }],
        ['session:watch', { sessionId: session.id }],
      ] as const) {
        const err = next(s, 'error', (e) => e.event === event);
        emitRaw(s, event, payload);
        assert.match((await err).error, /no such session/);
      }
      let leaked = false;
      s.on('terminal:data', () => (leaked = true));
      await new Promise((r) => setTimeout(r, 500));
      assert.equal(leaked, false);
    } finally {
      s.disconnect();
    }
  });

  test('points cannot be awarded from a client, and scores stay computed on the server', async () => {
    const s = attacker.socket();
    try {
      await next(s, 'connect' as never);
      emitRaw(s, 'award', { objective: 'anonymous-cannot-read-secrets', points: 1000 });
      emitRaw(s, 'objective:update', { sessionId: session.id, objective: { id: 'x', state: 'met' } });
      await new Promise((r) => setTimeout(r, 500));
      const lb = (await attacker.call<{ individuals: { name: string; score: number }[] }>('GET', `/api/events/${event.id}/leaderboard`)).body;
      assert.equal(lb.individuals.find((i) => i.name === 'Mallory')?.score, 0);
    } finally {
      s.disconnect();
    }
  });

  test('malformed and oversized messages are rejected without hurting the session', async () => {
    const s = victim.socket();
    try {
      await next(s, 'connect' as never);
      const bad = next(s, 'error', (e) => e.event === 'terminal:input');
      emitRaw(s, 'terminal:input', { sessionId: session.id, data: 42 });
      assert.match((await bad).error, /malformed terminal:input/);
      const badResize = next(s, 'error', (e) => e.event === 'terminal:resize');
      s.emit('terminal:resize', { sessionId: session.id, cols: 1e9, rows: -1 });
      assert.match((await badResize).error, /malformed/);
      const closed = next(s, 'disconnect' as never);
      s.emit('terminal:input', { sessionId: session.id, data: 'x'.repeat(200_000) });
      await closed;
    } finally {
      s.disconnect();
    }
    const again = victim.socket();
    try {
      await next(again, 'connect' as never);
      again.emit('terminal:attach', { sessionId: session.id, cols: 80, rows: 24 });
      await next(again, 'terminal:replay');
      const echoed = next(again, 'terminal:data', (p) => p.data.includes('still-here'));
      again.emit('terminal:input', { sessionId: session.id, data: 'echo still-here\n' });
      await echoed;
    } finally {
      again.disconnect();
    }
  });

  test('password guessing is slowed down', async () => {
    const guesser = new ApiUser(base);
    const t0 = Date.now();
    const codes: number[] = [];
    while (!codes.includes(429) && codes.length < 40) codes.push((await guesser.call('POST', '/api/auth/login', { username: 'victim', password: `guess-${codes.length}-password` })).status);
    assert.deepEqual(codes.slice(0, 10), Array(10).fill(401), 'a burst of 10 guesses is checked');
    // then one more every 6 s: however slow this machine is, no more than that is checked
    const allowed = 10 + Math.floor((Date.now() - t0) / 6000);
    assert.ok(codes.includes(429), `never refused: ${codes.join(' ')}`);
    assert.ok(codes.filter((c) => c === 401).length <= allowed, `${codes.filter((c) => c === 401).length} guesses checked in ${Date.now() - t0} ms`);
  });

  test('an unauthenticated or cross-site socket is refused', async () => {
    const anon = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
    assert.match(String(await next(anon as never, 'connect_error' as never)), /sign in first/);
    anon.disconnect();
    const evil = io(base, { transports: ['websocket'], reconnection: false, forceNew: true, extraHeaders: { cookie: victim.cookie, origin: 'https://evil.example' } });
    await next(evil as never, 'connect_error' as never);
    evil.disconnect();
  });
});
