import assert from 'node:assert/strict';
import { afterAll, describe, test } from 'vitest';
import { fakeApiServer, type FakeApiServer } from '../../test/support/fake-api-server.ts';
import { ResponseTooLarge } from './api-client.ts';
import { KubeClient, LineSplitter, ListTooLarge, READ_LIMITS, type KubeObject } from './kube-client.ts';

const configMap = (i: number, size = 10): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'shop' }, data: { v: 'x'.repeat(size) } });

/** A fake API server with `count` ConfigMaps of `size` bytes, paged like the real one, and
 * a watch that streams `watchEvents`. */
async function cluster(count: number, size: number, watchEvents: string[] = []): Promise<FakeApiServer> {
  const all = Array.from({ length: count }, (_, i) => configMap(i, size));
  return fakeApiServer((req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    if (url.pathname === '/api/v1') return void res.end(JSON.stringify({ resources: [{ name: 'configmaps', kind: 'ConfigMap', namespaced: true }] }));
    if (url.searchParams.get('watch') === '1') {
      for (const e of watchEvents) res.write(e);
      return void res.end();
    }
    const from = Number(url.searchParams.get('continue') ?? 0);
    const limit = Number(url.searchParams.get('limit') ?? all.length);
    const items = all.slice(from, from + limit);
    const next = from + items.length;
    const more = next < all.length;
    res.end(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMapList', metadata: { resourceVersion: '42', ...(more ? { continue: String(next), remainingItemCount: all.length - next } : {}) }, items }));
  });
}

describe('KubeClient.list reads a page at a time, and never more than its limits', () => {
  const servers: FakeApiServer[] = [];
  const start = async (count: number, size: number, events?: string[]) => {
    const s = await cluster(count, size, events);
    servers.push(s);
    return s;
  };
  afterAll(() => Promise.all(servers.map((s) => s.close())));

  test('every item, with limit and continue', async () => {
    const api = await start(12, 10);
    const items = await new KubeClient(api.tls, { ...READ_LIMITS, pageSize: 5 }).list('v1', 'ConfigMap');
    assert.deepEqual(items.map((i) => i.metadata.name), Array.from({ length: 12 }, (_, i) => `cm-${i}`));
    assert.deepEqual(api.requests.filter((r) => r.url.startsWith('/api/v1/configmaps')).map((r) => new URL(r.url, 'https://x').searchParams.get('continue')), [null, '5', '10']);
  });

  test('lists run one after another, so one cluster costs at most one list at a time', async () => {
    const api = await start(12, 10);
    const kube = new KubeClient(api.tls, { ...READ_LIMITS, pageSize: 5 });
    const [a, b] = await Promise.all([kube.list('v1', 'ConfigMap'), kube.list('v1', 'ConfigMap')]);
    assert.equal(a.length + b.length, 24);
    assert.deepEqual(api.requests.filter((r) => r.url.startsWith('/api/v1/configmaps')).map((r) => new URL(r.url, 'https://x').searchParams.get('continue')), [null, '5', '10', null, '5', '10']);
  });

  test('exactly maxItems items are read', async () => {
    const api = await start(10, 10);
    assert.equal((await new KubeClient(api.tls, { ...READ_LIMITS, pageSize: 4, maxItems: 10 }).list('v1', 'ConfigMap', 'shop')).length, 10);
  });

  test('more items than maxItems is a ListTooLarge that names the kind, without reading the rest', async () => {
    const api = await start(1000, 10);
    const e = await new KubeClient(api.tls, { ...READ_LIMITS, pageSize: 5, maxItems: 10 }).list('v1', 'ConfigMap', 'shop').catch((err: unknown) => err);
    assert.ok(e instanceof ListTooLarge);
    assert.equal(e.message, 'namespace shop holds more than 10 ConfigMaps; the check cannot read them all (delete the ones the exercise does not need)');
    assert.equal(api.requests.filter((r) => r.url.startsWith('/api/v1/namespaces/shop/configmaps')).length, 1, 'remainingItemCount shows it after one page');
  });

  test('more bytes than maxBytes, over all pages, is a ListTooLarge', async () => {
    const api = await start(40, 100_000);
    const kube = new KubeClient(api.tls, { ...READ_LIMITS, pageSize: 10, maxBytes: 2 * 1024 * 1024 });
    await assert.rejects(kube.list('v1', 'ConfigMap'), (e: unknown) => e instanceof ListTooLarge && /the cluster holds more than 2 MiB of ConfigMaps/.test(e.message));
    assert.equal(api.requests.filter((r) => r.url.startsWith('/api/v1/configmaps')).length, 3, 'the third page went over what was left');
  });

  test('one page larger than the whole budget is cut off, not read', async () => {
    const api = await start(50, 1024 * 1024);
    await assert.rejects(new KubeClient(api.tls, { ...READ_LIMITS, maxBytes: 4 * 1024 * 1024 }).list('v1', 'ConfigMap'), /more than 4 MiB of ConfigMaps/);
    assert.ok(api.written[0]! < 45 * 1024 * 1024, `the server wrote ${api.written[0]} bytes`);
  });

  test('watchChanges starts at the current resourceVersion, asks for metadata only, reports once when open (what changed before it) and each change', async () => {
    const ev = (type: string, i: number) => `${JSON.stringify({ type, object: configMap(i) })}\n`;
    const api = await start(3, 10, [ev('ADDED', 7), ev('MODIFIED', 7).slice(0, 20), ev('MODIFIED', 7).slice(20), ev('DELETED', 7)]);
    let changes = 0;
    await new KubeClient(api.tls).watchChanges('v1', 'ConfigMap', () => changes++, new AbortController().signal);
    assert.equal(changes, 1 + 3);
    const [list, watch] = api.requests.filter((r) => r.url.startsWith('/api/v1/configmaps'));
    assert.equal(list!.url, '/api/v1/configmaps?limit=1');
    assert.match(list!.accept, /as=PartialObjectMetadataList/);
    assert.match(watch!.url, /resourceVersion=42&watch=1/);
    assert.match(watch!.accept, /as=PartialObjectMetadata;/);
  });

  test('a watch event longer than maxEventBytes ends the watch with a ResponseTooLarge', async () => {
    const big = `${JSON.stringify({ type: 'ADDED', object: configMap(1, 200_000) })}\n`;
    const api = await start(1, 10, [`${JSON.stringify({ type: 'ADDED', object: configMap(0) })}\n`, big]);
    const seen: string[] = [];
    const watch = new KubeClient(api.tls, { ...READ_LIMITS, maxEventBytes: 64 * 1024 }).watch('/api/v1/configmaps', (_t, o) => seen.push(o.metadata.name), new AbortController().signal);
    await assert.rejects(watch, (e: unknown) => e instanceof ResponseTooLarge && /one event: the answer is larger than 64 KiB/.test(e.message));
    assert.deepEqual(seen, ['cm-0']);
  });
});

test('LineSplitter joins lines across chunks and holds at most max bytes of one', () => {
  const lines = new LineSplitter(8);
  assert.deepEqual(lines.push(Buffer.from('ab\ncd')).map(String), ['ab']);
  assert.deepEqual(lines.push(Buffer.from('ef\n\ngh')).map(String), ['cdef', '']);
  assert.throws(() => lines.push(Buffer.from('ijklmnop')), /longer than 8 bytes/);
});
