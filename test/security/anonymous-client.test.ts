import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';

/** What an anonymous client sends must never stop the server. */
describe('an anonymous client cannot stop the server with an Origin header', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '0', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
  });
  afterAll(async () => {
    await server?.stop();
  });

  const ORIGINS = ['null', 'garbage', '://', 'http://', 'file:///etc/passwd', 'http://[::1', 'http://evil.example'];

  test('Origin: null (or any origin that is not this site) on the socket.io handshake is refused, and the server keeps serving', async () => {
    for (const origin of ORIGINS) {
      for (const transport of ['polling', 'websocket']) {
        const res = await fetch(`${server.base}/socket.io/?EIO=4&transport=${transport}`, { headers: { origin } });
        assert.ok(res.status >= 400 && res.status < 500, `${origin} over ${transport}: HTTP ${res.status}`);
        await res.arrayBuffer();
      }
    }
    assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
    assert.equal(server.server.child.exitCode, null, 'the server process is alive');
  });

  test('the same origins on a REST request get 403, never a 500', async () => {
    for (const origin of ORIGINS) {
      const res = await fetch(`${server.base}/api/auth/login`, { method: 'POST', headers: { origin, 'content-type': 'application/json', 'x-batten-csrf': '1' }, body: '{"username":"a","password":"b"}' });
      assert.equal(res.status, 403, origin);
      await res.arrayBuffer();
    }
    assert.equal((await fetch(`${server.base}/healthz`)).status, 200);
  });
});
