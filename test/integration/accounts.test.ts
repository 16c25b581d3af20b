import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import path from 'node:path';
import { openDatabase } from '../../server/db/database.ts';
import type { EventView, Leaderboard, Me } from '../../server/protocol/rest.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { ApiUser } from '../support/api-client.ts';
import { testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';

/** Accounts for real use, against the real server and its SQLite file. */
describe('accounts: a user changes their password; an admin resets one, disables, enables and deletes accounts', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiUser;
  let dana: ApiUser;
  let dataDir = '';
  const signIn = async (username: string, password: string) => {
    const u = new ApiUser(server.base);
    return { u, status: (await u.call('POST', '/api/auth/login', { username, password })).status };
  };

  beforeAll(async () => {
    dataDir = testConfig().BATTEN_DATA_DIR;
    server = await startTestServer({ POOL_SIZE: '0', PREWARM_EXERCISES: '', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    admin = new ApiUser(server.base);
    assert.equal((await admin.call('POST', '/api/auth/signup', { username: 'root', displayName: 'Root', password: 'root-password-1' })).status, 201);
    dana = new ApiUser(server.base);
    assert.equal((await dana.call('POST', '/api/auth/signup', { username: 'dana', displayName: 'Dana', password: 'dana-password-1' })).status, 201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('changing your password needs the current one; the other sessions end, this one stays', async () => {
    const other = (await signIn('dana', 'dana-password-1')).u;
    const wrong = await dana.call<{ field?: string }>('POST', '/api/auth/password', { current: 'not-it-at-all', password: 'dana-password-2' });
    assert.equal(wrong.status, 403);
    assert.equal(wrong.body.field, 'current');
    const weak = await dana.call<{ error: string }>('POST', '/api/auth/password', { current: 'dana-password-1', password: 'short' });
    assert.equal(weak.status, 400);
    assert.equal((await dana.call('POST', '/api/auth/password', { current: 'dana-password-1', password: 'dana-password-2' })).status, 204);
    assert.equal((await dana.call('GET', '/api/auth/me')).status, 200, 'the session that changed it stays');
    assert.equal((await other.call('GET', '/api/auth/me')).status, 401, 'another session of the account ended');
    assert.equal((await signIn('dana', 'dana-password-1')).status, 401);
    assert.equal((await signIn('dana', 'dana-password-2')).status, 200);
  });

  test('only an admin resets a password; the account is signed out everywhere', async () => {
    assert.equal((await dana.call('POST', '/api/users/account', { username: 'root', password: 'taken-over-1' })).status, 403);
    const reset = await admin.call('POST', '/api/users/account', { username: 'dana', password: 'from-the-admin-1' });
    assert.equal(reset.status, 200);
    assert.equal((await dana.call('GET', '/api/auth/me')).status, 401);
    assert.equal((await signIn('dana', 'dana-password-2')).status, 401);
    const back = await signIn('dana', 'from-the-admin-1');
    assert.equal(back.status, 200);
    dana = back.u;
  });

  test('a disabled account cannot sign in and its sessions end; enabled again, it can', async () => {
    assert.equal((await admin.call('POST', '/api/users/account', { username: 'root', disabled: true })).status, 400, 'not your own');
    assert.equal((await admin.call('POST', '/api/users/account', { username: 'nobody', disabled: true })).status, 404);
    const off = await admin.call<{ disabled: boolean }>('POST', '/api/users/account', { username: 'dana', disabled: true });
    assert.equal(off.status, 200);
    assert.equal(off.body.disabled, true);
    assert.equal((await dana.call('GET', '/api/auth/me')).status, 401);
    const refused = await new ApiUser(server.base).call<{ error: string }>('POST', '/api/auth/login', { username: 'dana', password: 'from-the-admin-1' });
    assert.equal(refused.status, 403);
    assert.match(refused.body.error, /disabled/);
    assert.equal((await admin.call('POST', '/api/users/account', { username: 'dana', disabled: false })).status, 200);
    assert.equal((await signIn('dana', 'from-the-admin-1')).status, 200);
  });

  test('a disabled account leaves the boards; a deleted one is gone with its points; refusals name the reason', async () => {
    const now = Date.now();
    const event = (await admin.call<EventView>('POST', '/api/events', { name: 'Boards', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), exercises: ['anonymous-access'] })).body;
    const frank = new ApiUser(server.base);
    await frank.call('POST', '/api/auth/signup', { username: 'frank', displayName: 'Frank', password: 'frank-password-1' });
    const danaNow = (await signIn('dana', 'from-the-admin-1')).u; // signed out by the tests above
    for (const u of [danaNow, frank]) assert.equal((await u.call('POST', '/api/events/join', { code: event.joinCode })).status, 200);
    // points as the checker writes them, in the server's own SQLite file (WAL: a second connection)
    const db = openDatabase(path.join(dataDir, 'batten.db'));
    const store = new ScoreStore(db);
    const id = (u: string) => (db.prepare('SELECT id FROM users WHERE username = ?').get(u) as { id: number }).id;
    for (const [u, points] of [['dana', 50], ['frank', 30]] as const) store.awardObjective({ userId: id(u), eventId: event.id, exercise: 'anonymous-access' }, { id: 'o', points }, { objectiveIds: ['o', 'p'], completionBonus: 0 });
    db.close();
    const board = async () => (await admin.call<Leaderboard>('GET', `/api/events/${event.id}/leaderboard`)).body.individuals.map((i) => `${i.name} ${i.score}`);
    assert.deepEqual(await board(), ['Dana 50', 'Frank 30']);
    await admin.call('POST', '/api/users/account', { username: 'dana', disabled: true });
    assert.deepEqual(await board(), ['Frank 30'], 'a disabled account is off the board');
    await admin.call('POST', '/api/users/account', { username: 'dana', disabled: false });
    assert.deepEqual(await board(), ['Dana 50', 'Frank 30']);

    assert.equal((await frank.call('DELETE', '/api/users/dana')).status, 403, 'admins only');
    assert.equal((await admin.call('DELETE', '/api/users/root')).status, 400, 'not your own');
    assert.equal((await admin.call('DELETE', '/api/users/nobody')).status, 404);
    const ines = new ApiUser(server.base);
    await ines.call('POST', '/api/auth/signup', { username: 'ines', displayName: 'Ines', password: 'ines-password-1' });
    await admin.call('POST', '/api/users/role', { username: 'ines', role: 'instructor' });
    await ines.call('POST', '/api/events', { name: 'Ines’s lab', startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), exercises: ['anonymous-access'] });
    const runs = await admin.call<{ error: string }>('DELETE', '/api/users/ines');
    assert.equal(runs.status, 409);
    assert.match(runs.body.error, /disable it instead/);

    assert.equal((await admin.call('DELETE', '/api/users/frank')).status, 204);
    assert.deepEqual(await board(), ['Dana 50'], 'its points left the board');
    assert.equal((await frank.call('GET', '/api/auth/me')).status, 401, 'signed out');
    assert.equal((await signIn('frank', 'frank-password-1')).status, 401);
    // the name is free again, and a new sign-up is a learner, not a second first admin
    const again = await new ApiUser(server.base).call<Me>('POST', '/api/auth/signup', { username: 'frank', displayName: 'Frank II', password: 'frank-password-2' });
    assert.equal(again.status, 201);
    assert.equal(again.body.role, 'learner');
  });
});
