import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { EventView, Me, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import { SocketTerminal } from '../support/socket-terminal.ts';
import { FIX_ANONYMOUS_ACCESS } from '../support/exercise-fixes.ts';

/**
 * Attacks on the account features (change your password, an admin's reset, disable and
 * enable, migration 003) by a hostile learner, a thief holding a copy of someone's session
 * and racing requests. Each test here failed before the fix it names.
 */

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function signUp(base: string, username: string, password: string): Promise<ApiUser> {
  const u = new ApiUser(base);
  const r = await u.call<Me>('POST', '/api/auth/signup', { username, displayName: username, password });
  assert.equal(r.status, 201, r.text);
  return u;
}

async function signIn(base: string, username: string, password: string): Promise<{ user: ApiUser; status: number }> {
  const user = new ApiUser(base);
  const r = await user.call('POST', '/api/auth/login', { username, password });
  return { user, status: r.status };
}

/** Whether a socket is still connected after `ms`: resolves false as soon as it is cut. */
function staysConnected(s: ReturnType<ApiUser['socket']>, ms: number): Promise<boolean> {
  if (!s.connected) return Promise.resolve(false);
  return new Promise((resolve) => {
    const t = setTimeout(() => resolve(s.connected), ms);
    s.once('disconnect', () => {
      clearTimeout(t);
      resolve(false);
    });
  });
}

describe('accounts: sessions, sockets and races (no cluster)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  let admin: ApiUser;

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '0', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
    base = server.base;
    admin = await signUp(base, 'root-admin', 'root-admin-password-1');
  });
  afterAll(async () => {
    await server?.stop();
  });

  // Fixed in server/auth/user-store.ts (sessions-ended events) and server/http/socket-server.ts
  // (sockets remember their session and are cut when it ends). Before: the password change
  // deleted the other sessions' rows, but their live sockets stayed connected.
  test("changing your password cuts the live socket of a thief's copy of your session, not your own", async () => {
    const owner = await signUp(base, 'victim-socket', 'victim-socket-password-1');
    const thief = await signIn(base, 'victim-socket', 'victim-socket-password-1');
    assert.equal(thief.status, 200);
    const ownSocket = owner.socket();
    const thiefSocket = thief.user.socket();
    try {
      await Promise.all([next(ownSocket, 'connect' as never), next(thiefSocket, 'connect' as never)]);
      const thiefCut = staysConnected(thiefSocket, 8000);
      // POST /api/auth/password {current, password} from the owner's browser
      const r = await owner.call('POST', '/api/auth/password', { current: 'victim-socket-password-1', password: 'victim-socket-password-2' });
      assert.equal(r.status, 204, r.text);
      assert.equal(await thiefCut, false, "the thief's socket is still connected after the password change");
      assert.equal((await thief.user.call('GET', '/api/auth/me')).status, 401);
      assert.equal(ownSocket.connected, true, "the owner's own socket was cut");
      assert.equal((await owner.call('GET', '/api/auth/me')).status, 200);
    } finally {
      ownSocket.disconnect();
      thiefSocket.disconnect();
    }
  });

  // Fixed in server/auth/password.ts (passwordProblem: well-formed Unicode, counted in code
  // points after NFKC, as it is hashed). Before: ten lone surrogates were a valid password, and
  // since they are hashed as UTF-8 (each becomes U+FFFD) any other ten lone surrogates signed in.
  test('a password that is not really ten characters is refused (lone surrogates all hash alike)', async () => {
    const u = await signUp(base, 'victim-policy', 'victim-policy-password-1');
    const loneHigh = '\ud800'.repeat(10);
    const r = await u.call('POST', '/api/auth/password', { current: 'victim-policy-password-1', password: loneHigh });
    assert.equal(r.status, 400, `lone surrogates accepted as a password: HTTP ${r.status}`);
    // and a different string of lone surrogates never signs in
    assert.equal((await signIn(base, 'victim-policy', '\udfff'.repeat(10))).status, 401);
    // "é" typed as e + combining accent, five times: ten UTF-16 units, five characters
    const decomposed = 'e\u0301'.repeat(5);
    assert.equal((await u.call('POST', '/api/auth/password', { current: 'victim-policy-password-1', password: decomposed })).status, 400);
    // the admin's reset and sign-up use the same rule
    assert.equal((await admin.call('POST', '/api/users/account', { username: 'victim-policy', password: loneHigh })).status, 400);
    assert.equal((await new ApiUser(base).call('POST', '/api/auth/signup', { username: 'surrogate-user', displayName: 'S', password: loneHigh })).status, 400);
    assert.equal((await signIn(base, 'victim-policy', 'victim-policy-password-1')).status, 200, 'the real password still works');
  });

  // Fixed in server/http/routes/auth.ts (sign-in re-reads the account after the slow hash
  // check and refuses if its password changed or it was disabled meanwhile). Before: a
  // sign-in with the old password that started while an admin's reset was hashing finished
  // after the reset had ended every session, and its new session lived on.
  test('a sign-in with the old password that races an admin reset does not outlive the reset', async () => {
    await signUp(base, 'victim-race', 'victim-race-password-0');
    let old = 'victim-race-password-0';
    const survived: string[] = [];
    for (const [i, delay] of [20, 60, 150].entries()) {
      const fresh = `victim-race-password-${i + 1}`;
      // the admin resets (a scrypt hash, then every session ends) ...
      const reset = admin.call('POST', '/api/users/account', { username: 'victim-race', password: fresh });
      await sleep(delay);
      // ... while someone who knows the old password signs in
      const thief = new ApiUser(base);
      const login = thief.call('POST', '/api/auth/login', { username: 'victim-race', password: old });
      const [rr, lr] = await Promise.all([reset, login]);
      assert.equal(rr.status, 200, rr.text);
      if (lr.status === 200 && (await thief.call('GET', '/api/auth/me')).status === 200) survived.push(`after ${delay} ms`);
      old = fresh;
    }
    assert.deepEqual(survived, [], 'a session signed in with the old password survived the reset');
  });

  // Fixed in server/http/routes/auth.ts (an admin's action re-checks, after the slow hash,
  // that its author is still a signed-in admin) and server/auth/user-store.ts (the last
  // active admin cannot be disabled or demoted). Before: two admins disabling each other at
  // once left the platform with no admin at all.
  test('two admins disabling each other at once cannot leave the platform without an admin', async () => {
    const a = await signUp(base, 'admin-a', 'admin-a-password-1');
    const b = await signUp(base, 'admin-b', 'admin-b-password-1');
    for (const name of ['admin-a', 'admin-b']) assert.equal((await admin.call('POST', '/api/users/role', { username: name, role: 'admin' })).status, 200);
    // the first admin steps back: only a and b are admins now
    assert.equal((await a.call('POST', '/api/users/role', { username: 'root-admin', role: 'learner' })).status, 200);
    // a resets b's password and disables b (slow: a hash); meanwhile b disables a (fast)
    const fromA = a.call('POST', '/api/users/account', { username: 'admin-b', password: 'admin-b-password-2', disabled: true });
    await sleep(50);
    const fromB = b.call('POST', '/api/users/account', { username: 'admin-a', disabled: true });
    const [ra, rb] = await Promise.all([fromA, fromB]);
    const admins: ApiUser[] = [];
    for (const [name, pw] of [['admin-a', 'admin-a-password-1'], ['admin-b', 'admin-b-password-1'], ['admin-b', 'admin-b-password-2']] as const) {
      const s = await signIn(base, name, pw);
      if (s.status === 200 && (await s.user.call<Me>('GET', '/api/auth/me')).body.role === 'admin') admins.push(s.user);
    }
    assert.ok(admins.length > 0, `no admin can sign in any more (a got ${ra.status}, b got ${rb.status})`);
    // give the platform its first admin back for the other tests
    assert.equal((await admins[0]!.call('POST', '/api/users/role', { username: 'root-admin', role: 'admin' })).status, 200);
  });
});

describe('accounts: a disabled learner loses the terminal and the checker (one cluster)', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  let admin: ApiUser;
  let learner: ApiUser;
  let event: EventView;
  let session: SessionView;

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '1', PREWARM_EXERCISES: 'anonymous-access', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
    base = server.base;
    admin = await signUp(base, 'admin', 'admin-password-1');
    learner = await signUp(base, 'mallory', 'mallory-password-1');
    event = (await admin.call<EventView>('POST', '/api/events', { name: 'E', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), exercises: ['anonymous-access'] })).body;
    assert.equal((await learner.call('POST', '/api/events/join', { code: event.joinCode })).status, 200);
    session = (await learner.call<SessionView>('POST', '/api/exercises/anonymous-access/start', { eventId: event.id })).body;
    await eventually('the learner session', async () => (await learner.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 180_000);
  });
  afterAll(async () => {
    await server?.stop();
  });

  // Fixed in server/sessions/session-manager.ts (endUser) and server/http/socket-server.ts
  // (disabling an account ends its exercise sessions). Before: the socket was cut, but the
  // terminal's processes and the checker ran on, so a job left in the background went on
  // changing the cluster and the disabled account went on scoring.
  test('a job left running in the terminal cannot score for an account that was disabled', async () => {
    const term = await SocketTerminal.open(learner, session.id);
    const cut = next(term.socket, 'disconnect' as never);
    // the fix for both objectives, delayed until after the account is disabled
    const bg = await term.run(`(sleep 10; ${FIX_ANONYMOUS_ACCESS}) >/dev/null 2>&1 & disown; echo started`);
    assert.match(bg.output, /started/);
    const r = await admin.call('POST', '/api/users/account', { username: 'mallory', disabled: true });
    assert.equal(r.status, 200, r.text);
    await cut; // the socket is cut (this held before the fix too)
    const reconnect = learner.socket();
    try {
      assert.match(String(await next(reconnect, 'connect_error' as never)), /sign in first/);
    } finally {
      reconnect.disconnect();
    }
    // the job would have run by now, and the checker seen it
    await sleep(25_000);
    const lb = (await admin.call<{ individuals: { name: string; score: number }[] }>('GET', `/api/events/${event.id}/leaderboard`)).body;
    assert.equal(lb.individuals.find((i) => i.name === 'mallory')?.score ?? 0, 0, `a disabled account scored: ${JSON.stringify(lb.individuals)}`);
    // enabled again, the learner finds the session ended (a new one starts from the setup)
    assert.equal((await admin.call('POST', '/api/users/account', { username: 'mallory', disabled: false })).status, 200);
    const back = await signIn(base, 'mallory', 'mallory-password-1');
    assert.equal(back.status, 200);
    assert.equal((await back.user.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status, 'ended');
  });
});
