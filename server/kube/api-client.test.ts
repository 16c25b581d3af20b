import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { fakeApiServer, streamFiller, type FakeApiServer } from '../../test/support/fake-api-server.ts';
import { apiRequest, ResponseTooLarge } from './api-client.ts';

const MiB = 1024 * 1024;

describe('apiRequest never holds more of an answer than its cap', () => {
  let api: FakeApiServer;
  beforeAll(async () => {
    api = await fakeApiServer((req, res) => {
      if (req.url === '/small') return void res.end(JSON.stringify({ ok: true }));
      if (req.url === '/declared') {
        res.setHeader('content-length', String(64 * MiB));
        return streamFiller(res, 64 * MiB);
      }
      if (req.url === '/forbidden-but-big') res.statusCode = 403;
      streamFiller(res, 256 * MiB); // chunked: no content-length to trust
    });
  });
  afterAll(() => api.close());

  test('a small answer is read whole', async () => {
    const res = await apiRequest(api.tls, 'GET', '/small');
    assert.equal(res.status, 200);
    assert.deepEqual(res.json(), { ok: true });
  });

  test('an answer larger than maxBytes is cut off at the cap with a ResponseTooLarge naming it', async () => {
    const e = await apiRequest(api.tls, 'GET', '/endless', undefined, 5000, { maxBytes: 1 * MiB }).then(() => undefined, (err: unknown) => err);
    assert.ok(e instanceof ResponseTooLarge, String(e));
    assert.equal(e.maxBytes, MiB);
    assert.match(e.message, /GET \/endless: the answer is larger than 1 MiB/);
    await waitFor(() => api.written.length >= 1);
    assert.ok(api.written.at(-1)! < 16 * MiB, `the server stopped after ${api.written.at(-1)} bytes`);
  });

  test('a declared content-length over the cap is refused before reading the body', async () => {
    await assert.rejects(apiRequest(api.tls, 'GET', '/declared', undefined, 5000, { maxBytes: MiB }), ResponseTooLarge);
  });

  test('the default cap is 8 MiB', async () => {
    await assert.rejects(apiRequest(api.tls, 'GET', '/endless'), /larger than 8 MiB/);
  });

  test('discardBody answers with the status code alone and keeps no body', async () => {
    const res = await apiRequest(api.tls, 'GET', '/forbidden-but-big', undefined, 5000, { discardBody: true });
    assert.equal(res.status, 403);
    assert.equal(res.body, '');
    assert.throws(() => res.json(), /discarded/);
  });
});

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('apiRequest keeps connections open between requests', () => {
  let api: FakeApiServer;
  const served = new WeakMap<object, number>();
  let connections = 0;
  beforeAll(async () => {
    api = await fakeApiServer((req, res) => {
      const before = served.get(req.socket) ?? 0;
      if (before === 0) connections++;
      served.set(req.socket, before + 1);
      // A server that closed a kept-open connection: the request on it is never answered.
      if (req.url === '/drop-reused' && before > 0) return void req.socket.destroy();
      if (req.url === '/slow') return void setTimeout(() => res.end('{}'), 50);
      res.end(JSON.stringify({ connection: connections }));
    });
  });
  afterAll(() => api.close());

  test('a second request to the same server with the same identity reuses the connection', async () => {
    const first = (await apiRequest(api.tls, 'GET', '/a')).json<{ connection: number }>();
    const second = (await apiRequest(api.tls, 'GET', '/b')).json<{ connection: number }>();
    assert.equal(second.connection, first.connection);
  });

  test('another identity never gets a connection opened for the first', async () => {
    const before = connections;
    await apiRequest({ ...api.tls, caPem: `${api.tls.caPem}\n` }, 'GET', '/c');
    assert.equal(connections, before + 1);
  });

  test('a dozen requests at once share at most six connections', async () => {
    const tls = { ...api.tls, caPem: `${api.tls.caPem}\n\n` }; // an identity of its own: no connection yet
    const before = connections;
    const answers = await Promise.all(Array.from({ length: 12 }, () => apiRequest(tls, 'GET', '/slow')));
    assert.ok(answers.every((r) => r.status === 200));
    assert.equal(connections - before, 6);
  });

  test('a request on a kept-open connection the server dropped is sent again on a new one', async () => {
    await apiRequest(api.tls, 'GET', '/a');
    const before = connections;
    const res = await apiRequest(api.tls, 'POST', '/drop-reused', { x: 1 });
    assert.equal(res.status, 200);
    assert.equal(connections, before + 1);
    assert.equal(api.requests.filter((r) => r.url === '/drop-reused').length, 2);
  });
});
