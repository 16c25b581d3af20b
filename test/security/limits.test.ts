import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { EventView, Me, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';

/** An exercise no event uses: its pool is empty, so preparing it is a cold cluster start. */
const COLD = 'default-sa-cluster-admin';
const hour = 3_600_000;

describe('limits a hostile anonymous client or learner cannot walk around', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  let admin: ApiUser;
  let ada: ApiUser;
  let adaElsewhere: ApiUser; // Ada signed in a second time (another browser)
  let bob: ApiUser;
  let event: EventView;
  let ended: EventView;
  let adaSession: SessionView;
  const pool = async () => {
    const { warm, starting, leased } = (await admin.call<{ warm: number; starting: number; leased: number }>('GET', '/api/pool')).body;
    return { warm, starting, leased };
  };

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '0', POOL_MAX_CONCURRENT_STARTS: '4', MAX_PREPARING_SESSIONS: '1', SIGNUP: 'invite', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
    base = server.base;
    [admin, ada, adaElsewhere, bob] = [new ApiUser(base), new ApiUser(base), new ApiUser(base), new ApiUser(base)];
    const first = await admin.call<Me>('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'admin-password-1' });
    assert.equal(first.status, 201, 'the first account needs no join code');
    assert.equal(first.body.role, 'admin');
    event = (await admin.call<EventView>('POST', '/api/events', { name: 'Now', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + hour).toISOString(), exercises: ['anonymous-access'] })).body;
    ended = (await admin.call<EventView>('POST', '/api/events', { name: 'Yesterday', startsAt: new Date(Date.now() - 25 * hour).toISOString(), endsAt: new Date(Date.now() - 24 * hour).toISOString(), exercises: ['anonymous-access'] })).body;
    assert.equal((await ada.call('POST', '/api/auth/signup', { username: 'ada', displayName: 'Ada', password: 'ada-password-12', joinCode: event.joinCode })).status, 201);
    assert.equal((await bob.call('POST', '/api/auth/signup', { username: 'bob', displayName: 'Bob', password: 'bob-password-12', joinCode: event.joinCode!.toLowerCase() })).status, 201);
    assert.equal((await adaElsewhere.call('POST', '/api/auth/login', { username: 'ada', password: 'ada-password-12' })).status, 200);
    // the event pre-warms one anonymous-access cluster: let it settle before counting clusters
    await eventually('the pre-warmed cluster', async () => {
      const p = await pool();
      return p.warm === 1 && p.starting === 0 && p.leased === 0;
    }, 120_000);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('sign-up without a join code, or with a wrong or expired one, is refused when invite-only', async () => {
    const eve = new ApiUser(base);
    const account = { username: 'eve', displayName: 'Eve', password: 'eve-password-123' };
    for (const [joinCode, status, error] of [
      [undefined, 400, /join code/],
      ['', 400, /join code/],
      ['NOPE2345', 403, /no event has that join code/],
      [ended.joinCode, 403, /Yesterday has ended/],
    ] as const) {
      const r = await eve.call<{ error: string; field: string }>('POST', '/api/auth/signup', { ...account, ...(joinCode === undefined ? {} : { joinCode }) });
      assert.equal(r.status, status, `join code ${String(joinCode)}`);
      assert.equal(r.body.field, 'joinCode');
      assert.match(r.body.error, error);
      assert.equal(eve.cookie, '', 'a refused sign-up signs nobody in');
    }
    // none of the refused attempts created the account: the name is still free
    assert.equal((await eve.call('POST', '/api/auth/signup', { ...account, joinCode: event.joinCode })).status, 201);
    const mine = (await eve.call<EventView[]>('GET', '/api/events')).body;
    assert.deepEqual(mine.map((e) => e.id), [event.id], 'the new account joined the event its code names, and only it');
  });

  test('starting the same exercise ten times at once prepares one cluster', async () => {
    const starts = await Promise.all(Array.from({ length: 10 }, () => ada.call<SessionView>('POST', `/api/exercises/${COLD}/start`, {})));
    assert.deepEqual(new Set(starts.map((s) => s.status)), new Set([202]));
    assert.equal(new Set(starts.map((s) => s.body.id)).size, 1, 'one session');
    for (let i = 0; i < 5; i++) {
      const p = await pool();
      assert.equal(p.starting + p.leased, 1, `one cluster for ${COLD}, besides the warm one (${JSON.stringify(p)})`);
      await new Promise((r) => setTimeout(r, 200));
    }
    adaSession = starts[0]!.body;
    assert.equal((await ada.call<SessionView>('GET', `/api/sessions/${adaSession.id}`)).body.status, 'preparing');
  });

  test('a learner cannot prepare a second cluster while one is being prepared', async () => {
    const r = await ada.call<{ error: string }>('POST', '/api/exercises/anonymous-access/start', { eventId: event.id });
    assert.equal(r.status, 429);
    assert.match(r.body.error, new RegExp(`${COLD} is still being prepared`));
    assert.equal((await ada.call<SessionView>('GET', `/api/sessions/${adaSession.id}`)).body.status, 'preparing', 'the first is untouched');
  });

  test('no more clusters are prepared at once than the platform allows', async () => {
    const r = await bob.call<{ error: string }>('POST', '/api/exercises/anonymous-access/start', { eventId: event.id });
    assert.equal(r.status, 503);
    assert.equal(r.body.error, 'the platform is busy preparing clusters; try again in a minute');
  });

  test('ending a session while its cluster is prepared frees no slot until the preparation stops', async () => {
    assert.equal((await ada.call('DELETE', `/api/sessions/${adaSession.id}`)).status, 204);
    assert.equal((await ada.call('POST', '/api/exercises/anonymous-access/start', { eventId: event.id })).status, 429);
    assert.equal((await bob.call('POST', '/api/exercises/anonymous-access/start', { eventId: event.id })).status, 503);
    const p = await pool();
    assert.equal(p.starting + p.leased, 1, `still one cluster for ${COLD} (${JSON.stringify(p)})`);
  });

  test("signing out disconnects the user's sockets (terminal input no longer reaches the shell)", async () => {
    // once the ended session's cluster has arrived (and been disposed), Ada may start again
    await eventually('a free preparing slot', async () => {
      const r = await ada.call<SessionView>('POST', '/api/exercises/anonymous-access/start', { eventId: event.id });
      if (r.status === 202) adaSession = r.body;
      return r.status === 202;
    }, 180_000);
    await eventually('the session', async () => (await ada.call<SessionView>('GET', `/api/sessions/${adaSession.id}`)).body.status === 'ready', 120_000);
    const sessionId = adaSession.id;
    const s = ada.socket();
    try {
      await next(s, 'connect' as never);
      s.emit('terminal:attach', { sessionId, cols: 120, rows: 30 });
      await next(s, 'terminal:replay');
      const alive = next(s, 'terminal:data', (p) => p.data.includes('alive-42'));
      s.emit('terminal:input', { sessionId, data: 'echo alive-$((40+2))\n' });
      await alive;

      const cookie = ada.cookie;
      const gone = next(s, 'disconnect' as never, () => true, 10_000) as Promise<unknown>;
      assert.equal((await ada.call('POST', '/api/auth/logout')).status, 204);
      s.emit('terminal:input', { sessionId, data: 'echo leaked-$((6*7))\n' }); // as fast as a client can
      assert.equal(await gone, 'io server disconnect');

      const stale = new ApiUser(base);
      stale.cookie = cookie;
      const again = stale.socket();
      assert.match(String(await next(again, 'connect_error' as never)), /sign in first/, 'the signed-out cookie opens no socket');
      again.disconnect();

      // The same learner, still signed in elsewhere: the shell is alive and never saw the input.
      await new Promise((r) => setTimeout(r, 1000));
      const other = adaElsewhere.socket();
      try {
        await next(other, 'connect' as never);
        other.emit('terminal:attach', { sessionId, cols: 120, rows: 30 });
        const { data: replay } = await next(other, 'terminal:replay');
        assert.match(replay, /alive-42/);
        assert.doesNotMatch(replay, /leaked/);
        const still = next(other, 'terminal:data', (p) => p.data.includes('still-2'));
        other.emit('terminal:input', { sessionId, data: 'echo still-$((1+1))\n' });
        await still;
      } finally {
        other.disconnect();
      }
    } finally {
      s.disconnect();
    }
  });

  test('a flood of made-up usernames does not buy fresh password guesses', async () => {
    const guesser = new ApiUser(base);
    // A keep-alive connection the server closed while idle can fail one request on a busy
    // machine ("other side closed"): that request is sent again. A server that stopped
    // would fail the retry too.
    const once = async (username: string) => (await guesser.call('POST', '/api/auth/login', { username, password: `guess-${Math.random()}` })).status;
    const guess = (username: string) => once(username).catch(() => once(username));
    const t0 = Date.now();
    const first: number[] = [];
    for (let i = 0; i < 10; i++) first.push(await guess('bob'));
    assert.deepEqual(first, Array(10).fill(401));
    // more made-up usernames than the limiter keeps, from the same address, then Bob again
    const codes: number[] = [];
    for (let i = 0; i < 10_100; i += 100) codes.push(...(await Promise.all(Array.from({ length: 100 }, (_, j) => guess(`made-up-${i + j}`)))));
    for (let i = 0; i < 10; i++) codes.push(await guess('bob'));
    // Password checks: only what 10 a minute refills meanwhile (a reset would give 10 more at once).
    const refilled = Math.floor(((Date.now() - t0) / 60_000) * 10) + 1;
    const checked = codes.filter((c) => c === 401).length;
    assert.ok(checked <= refilled, `${checked} password checks in ${Date.now() - t0} ms; the rate allows ${refilled}`);
    assert.equal(codes.filter((c) => c !== 401 && c !== 429).length, 0);
  });
});
