import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { ApiUser } from '../support/api-client.ts';
import { testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';

/** Accounts for real use, against the real server and its SQLite file. */
describe('accounts: a user changes their password; an admin resets one, disables and enables accounts', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiUser;
  let dana: ApiUser;
  const signIn = async (username: string, password: string) => {
    const u = new ApiUser(server.base);
    return { u, status: (await u.call('POST', '/api/auth/login', { username, password })).status };
  };

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '0', PREWARM_EXERCISES: '', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
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
});
