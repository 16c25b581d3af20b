import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import { Router } from 'express';
import { Registry } from 'prom-client';
import { createApp } from './app.ts';

const errors: unknown[] = [];
const api = Router();
api.get('/things/:id', (req, res) => void res.json({ id: req.params.id }));
api.post('/things', (req, res) => void res.json(req.body));
api.get('/broken', () => {
  throw new Error('a bug');
});
const server = createServer(createApp({ provider: { name: 'test', capabilities: [] }, pool: () => ({ warm: 0, starting: 0, leased: 0 }), catalog: () => [], registry: new Registry(), api: [api], onError: (e) => errors.push(e) }));
let base = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const post = (headers: Record<string, string>, body = '{"a":1}') => fetch(`${base}/api/things`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

test('a malformed request is answered 4xx with a reason, never 500', async () => {
  const cases: [string, Promise<Response>, number][] = [
    ['a %-escape that does not decode in a route parameter', fetch(`${base}/api/things/%E0%A4%A`), 400],
    ['JSON that does not parse', post({}, '{"a":'), 400],
    ['an unknown charset', post({ 'content-type': 'application/json; charset=nonsense' }), 415],
    ['an unknown content encoding', post({ 'content-encoding': 'x-garbage' }), 415],
    ['a body that is not the gzip it claims', post({ 'content-encoding': 'gzip' }), 400],
    ['a body over the limit', post({}, JSON.stringify({ a: 'x'.repeat(20_000) })), 413],
  ];
  for (const [what, response, status] of cases) {
    const r = await response;
    assert.equal(r.status, status, what);
    assert.match(((await r.json()) as { error: string }).error, /\w/, what);
  }
  assert.deepEqual(errors, []);
});

test('an error of our own is a 500 and is reported', async () => {
  const r = await fetch(`${base}/api/broken`);
  assert.equal(r.status, 500);
  assert.deepEqual(await r.json(), { error: 'internal error' });
  assert.equal(errors.length, 1);
});
