import assert from 'node:assert/strict';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { ProbeContext } from '../../server/checks/probe.ts';
import { PROBES } from '../../server/checks/probes/index.ts';
import { evaluateReach } from '../../server/checks/netpol/evaluate.ts';
import type { NetworkPolicy, NetworkPolicyEgressRule, Pod } from '../../server/checks/netpol/types.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../server/exercises/catalog-context.ts';
import { loadExercise } from '../../server/exercises/loader.ts';
import { KubeClient } from '../../server/kube/kube-client.ts';
import type { SessionView } from '../../server/protocol/rest.ts';
import { ApiUser } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { fakeApiServer, type FakeApiServer } from '../support/fake-api-server.ts';
import { freePort, spawnServer } from '../support/server.ts';

/*
 * The surface added with per-learner parameters, attacked by a hostile learner, a lazy
 * learner and an anonymous client: hostile NetworkPolicies against the reach evaluator,
 * hostile Secrets against the request probe's copied-token cache, and, on a real server
 * with real clusters, choosing or reading another learner's drawn values and holding more
 * than one cluster.
 */

// ── hostile NetworkPolicies ──────────────────────────────────────────────────────────────

const METADATA = '169.254.169.254';
const POD: Pod = { metadata: { name: 'web-1', namespace: 'shop', labels: { app: 'web' } }, status: { podIP: '10.244.0.5' } };
const egressPolicy = (egress: NetworkPolicyEgressRule[]): NetworkPolicy => ({ metadata: { name: 'p', namespace: 'shop' }, spec: { podSelector: {}, policyTypes: ['Egress'], egress } });
const reachMetadata = (policies: NetworkPolicy[], port = 80, ip = METADATA) =>
  evaluateReach({ pods: [POD], namespaces: [], policies, from: { namespace: 'shop', name: 'web-1' }, to: { ip }, port });

describe('a hostile NetworkPolicy cannot crash, hang or fool the reach evaluator', () => {
  test('a CIDR the evaluator cannot read makes the probe unable to answer (unknown), never "denied"', () => {
    // forms a sloppy parser might accept, or that are plainly wrong: each would otherwise be
    // a way to make the metadata address look excepted
    for (const except of ['169.254.169.0254/32', '169.254.169.254', '169.254.169.254/33', 'fe80::1%eth0/64', '169.254.169.254/32/1', ' /32', '1.2.3.4.5/32']) {
      assert.throws(() => reachMetadata([egressPolicy([{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [except] } }] }])]), /is not a CIDR/, except);
    }
    assert.throws(() => reachMetadata([egressPolicy([{ to: [{ ipBlock: { cidr: '0.0.0.0/0x' } }] }])]), /is not a CIDR/);
  });

  test('an IPv6 block, an IPv4-mapped except or a named port does not close the IPv4 metadata address', () => {
    // allow-all egress plus "excepts" that do not name 169.254.169.254 as IPv4
    const open = [
      egressPolicy([{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.253/32', '169.254.169.255/32'] } }] }]),
      egressPolicy([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }, { to: [{ ipBlock: { cidr: '::/0', except: ['::ffff:169.254.169.254/128'] } }] }]),
      egressPolicy([{ ports: [{ port: 1, endPort: 65535 }] }]),
    ];
    for (const p of open) assert.equal(reachMetadata([p]).allowed, true, JSON.stringify(p.spec));
    // a named port matches a destination pod's port, and an address has none
    assert.equal(reachMetadata([egressPolicy([{ ports: [{ port: 'http' }] }])]).allowed, false);
    // an IPv6 allow-all does not allow an IPv4 address
    assert.equal(reachMetadata([egressPolicy([{ to: [{ ipBlock: { cidr: '::/0' } }] }])]).allowed, false);
    // port ranges around 80 close 80 and nothing else
    const around = egressPolicy([{ ports: [{ port: 1, endPort: 79 }, { port: 81, endPort: 65535 }] }]);
    assert.equal(reachMetadata([around], 80).allowed, false);
    assert.equal(reachMetadata([around], 443).allowed, true);
  });

  test('two policies add up: an allow-all next to the right one leaves the metadata address open', () => {
    const right = egressPolicy([{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: [`${METADATA}/32`] } }] }]);
    assert.equal(reachMetadata([right]).allowed, false);
    assert.equal(reachMetadata([right, { ...egressPolicy([{}]), metadata: { name: 'debug', namespace: 'shop' } }]).allowed, true);
    // policyTypes [Ingress] ignores egress rules, whatever they say
    assert.equal(reachMetadata([{ ...right, spec: { ...right.spec, policyTypes: ['Ingress'] } }]).allowed, true);
  });

  test('a policy with hundreds of thousands of except entries is evaluated in seconds, not minutes', () => {
    const except = Array.from({ length: 300_000 }, (_, k) => `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}/32`);
    const policies = [egressPolicy([{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except } }] }])];
    const t0 = Date.now();
    const v = reachMetadata(policies, 443, '10.255.255.254');
    assert.equal(v.allowed, true);
    assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  });

  test('absurd addresses are refused with an error, not a hang or a crash', () => {
    for (const ip of [':'.repeat(100_000), '1.'.repeat(50_000), `${'f'.repeat(100_000)}::`, '::ffff:999.1.1.1']) {
      const t0 = Date.now();
      assert.throws(() => reachMetadata([], 80, ip), /is not an IPv4 or IPv6 address/);
      assert.ok(Date.now() - t0 < 2_000);
    }
  });
});

// ── the request probe's copied-token cache ───────────────────────────────────────────────

const SECRET_PATH = '/api/v1/namespaces/ci/secrets/bot-token';
const REQUEST = PROBES.request!.schema.parse({ as: { tokenFrom: { secret: 'ci/bot-token' } }, path: '/apis/apps/v1/namespaces/shop/deployments/web', expect: 401 });
const DISCOVERY = JSON.stringify({ kind: 'APIResourceList', groupVersion: 'v1', resources: [{ name: 'secrets', kind: 'Secret', namespaced: true }] });
const secretJson = (token: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bot-token', namespace: 'ci' }, data: { token: Buffer.from(token).toString('base64') } });

/** A learner's cluster as far as the request probe sees it: its Secret (or none), and who
 * presented which Authorization header. Every token is accepted: only a 401 means met. */
async function fakeCluster(): Promise<{ api: FakeApiServer; ctx: ProbeContext; auth: string[]; headers: Record<string, unknown>[]; secret: { value?: string } }> {
  const auth: string[] = [];
  const headers: Record<string, unknown>[] = [];
  const secret: { value?: string } = {};
  const api = await fakeApiServer((req, res) => {
    if (req.url === '/api/v1') return void res.writeHead(200, { 'content-type': 'application/json' }).end(DISCOVERY);
    if (req.url === SECRET_PATH) {
      if (secret.value === undefined) return void res.writeHead(404, { 'content-type': 'application/json' }).end('{"kind":"Status","code":404}');
      return void res.writeHead(200, { 'content-type': 'application/json' }).end(secretJson(secret.value));
    }
    auth.push(String(req.headers.authorization ?? ''));
    headers.push({ ...req.headers });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return { api, ctx: { kube: new KubeClient(api.tls), anonymous: api.tls, capabilities: ['api'] }, auth, headers, secret };
}

const probeOn = (ctx: ProbeContext) => PROBES.request!.evaluate(ctx, REQUEST as never);

describe("the request probe's copied-token cache cannot be poisoned or abused from a learner's Secrets", () => {
  let a: Awaited<ReturnType<typeof fakeCluster>>;
  let b: Awaited<ReturnType<typeof fakeCluster>>;
  beforeAll(async () => {
    [a, b] = await Promise.all([fakeCluster(), fakeCluster()]);
  });
  afterAll(async () => {
    await Promise.all([a?.api.close(), b?.api.close()]);
  });

  test("a token copied in one learner's cluster is never presented to another's", async () => {
    a.secret.value = 'token-seen-in-cluster-a';
    assert.equal((await probeOn(a.ctx)).ok, false); // the fake accepts it: the attack works
    assert.deepEqual(a.auth, ['Bearer token-seen-in-cluster-a']);
    // the same Secret name in another cluster (another CA), holding nothing: nothing to copy
    const v = await probeOn(b.ctx);
    assert.equal(v.ok, false);
    assert.match(v.detail, /no token was ever seen/);
    assert.equal(b.auth.length, 0);
    // once A's Secret is gone the copied token is still replayed against A (the attacker kept it)
    a.secret.value = undefined;
    assert.equal((await probeOn(a.ctx)).ok, false);
    assert.equal(a.auth.at(-1), 'Bearer token-seen-in-cluster-a');
    assert.ok(!b.auth.includes('Bearer token-seen-in-cluster-a'));
  });

  test("replacing the Secret's value does not replace the token the attacker copied", async () => {
    a.secret.value = 'revoked-by-the-learner';
    assert.equal((await probeOn(a.ctx)).ok, false, 'the copied token still works');
    assert.equal(a.auth.at(-1), 'Bearer token-seen-in-cluster-a');
  });

  test('a token that smuggles a header line is never sent as headers, and never counts as met', async () => {
    b.secret.value = 'tok\r\nx-batten-evil: 1\r\nauthorization: Bearer other';
    const r = await probeOn(b.ctx).then((v) => v, (e: Error) => ({ ok: false, detail: e.message }));
    assert.equal(r.ok, false, r.detail);
    assert.ok(b.headers.every((h) => !('x-batten-evil' in h)), JSON.stringify(b.headers));
  });

  test('a huge token value does not make the probe pass or hang', async () => {
    b.secret.value = 'x'.repeat(900_000);
    const t0 = Date.now();
    const r = await probeOn(b.ctx).then((v) => v, (e: Error) => ({ ok: false, detail: e.message }));
    assert.equal(r.ok, false, r.detail.slice(0, 200));
    assert.ok(Date.now() - t0 < 20_000);
  });
});

// ── per-learner parameters and clusters, on a real server ────────────────────────────────

const EXERCISE = 'long-lived-token-secret';
const OTHER = 'resource-limits-and-quota';
const DRAWN = /deployer-[a-z0-9]{4}/;

describe('a learner cannot choose, replay or read drawn values, nor hold more than one cluster', () => {
  let server: ReturnType<typeof spawnServer> | undefined;
  let base = '';
  let alice: ApiUser;
  let bob: ApiUser;
  let anon: ApiUser;
  let aliceSession: SessionView;
  let bobSession: SessionView;
  let preview = '';
  const drawn = (s: SessionView) => DRAWN.exec(s.briefing ?? '')?.[0] ?? '';
  const ready = async (u: ApiUser, id: string) => {
    let last: SessionView | undefined;
    await eventually(`session ${id} ready`, async () => {
      last = (await u.call<SessionView>('GET', `/api/sessions/${id}`)).body;
      if (last.status === 'failed') throw new Error(last.error);
      return last.status === 'ready';
    }, 240_000);
    return last!;
  };

  beforeAll(async () => {
    const ex = await loadExercise(path.join(EXERCISES_DIR, EXERCISE), LOAD_CONTEXT);
    assert.ok(ex.ok);
    preview = String(ex.params.deployer);
    // started here rather than with startTestServer: on a loaded machine the first start
    // (tsx compiling the server) can take longer than its 30 s
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawnServer({ PORT: String(port), POOL_SIZE: '0', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
    await eventually(`the server on ${base}`, () => fetch(`${base}/healthz`).then((r) => r.ok), 120_000).catch((e: Error) => {
      throw new Error(`${e.message}\n${server?.out.stderr ?? ''}`);
    });
    [alice, bob, anon] = [new ApiUser(base), new ApiUser(base), new ApiUser(base)];
    await new ApiUser(base).call('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'admin-password-1' });
    await alice.call('POST', '/api/auth/signup', { username: 'alice-learner', displayName: 'Alice Learner', password: 'alice-password-1' });
    await bob.call('POST', '/api/auth/signup', { username: 'bob-learner', displayName: 'Bob Learner', password: 'bob-password-1' });
    // a burst of starts, asking for the preview seed and a value of her own choosing
    const starts = await Promise.all(Array.from({ length: 8 }, () => alice.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: 0, seed: 'preview', params: { deployer: 'deployer-aaaa' } })));
    assert.deepEqual([...new Set(starts.map((s) => s.status))], [202], starts.map((s) => s.text).join('\n'));
    assert.equal(new Set(starts.map((s) => s.body.id)).size, 1, 'a burst of starts is one session');
    // one cluster in preparation per learner: another exercise must wait
    assert.equal((await alice.call('POST', `/api/exercises/${OTHER}/start`, { eventId: 0 })).status, 429);
    aliceSession = await ready(alice, starts[0]!.body.id);
    bobSession = await ready(bob, (await bob.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: 0 })).body.id);
  }, 600_000);
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  test('the seed is drawn by the server: neither the preview seed nor a value the learner asked for', () => {
    const mine = drawn(aliceSession);
    assert.match(mine, DRAWN, 'the briefing shows her own values once the cluster is taken');
    assert.notEqual(mine, preview, 'the preview values (public in the repository) are not a learner’s');
    assert.notEqual(mine, 'deployer-aaaa');
    assert.notEqual(drawn(bobSession), mine, 'two learners do not share values');
  });

  test("another learner never reads a learner's drawn values, from the exercise page, hints or their own session", async () => {
    const mine = drawn(aliceSession);
    const page = await bob.call('GET', `/api/exercises/${EXERCISE}`);
    assert.equal(page.status, 200);
    assert.ok(!page.text.includes(mine) && !page.text.includes(preview), 'the exercise page shows placeholders, not anyone’s values');
    assert.match(page.text, /‹deployer›/);
    const hint = await bob.call('POST', `/api/sessions/${bobSession.id}/hints`, { objective: 'leaked-token-revoked', index: 1 });
    assert.equal(hint.status, 200);
    assert.ok(!hint.text.includes(mine));
    const own = await bob.call('GET', `/api/sessions/${bobSession.id}`);
    assert.ok(!own.text.includes(mine));
    assert.equal((await bob.call('GET', `/api/sessions/${aliceSession.id}`)).status, 404);
    assert.equal((await bob.call('POST', `/api/sessions/${aliceSession.id}/hints`, { objective: 'leaked-token-revoked', index: 0 })).status, 404);
  });

  test('an anonymous client learns no user, session or drawn value from the public endpoints', async () => {
    const secrets = [drawn(aliceSession), drawn(bobSession), 'alice-learner', 'Alice Learner', 'bob-learner', aliceSession.id, bobSession.id];
    for (const p of ['/metrics', '/api/pool', '/status', '/api/exercises', '/healthz']) {
      const r = await anon.call('GET', p);
      assert.equal(r.status, 200, p);
      for (const s of secrets) assert.ok(!r.text.includes(s), `${p} shows ${s}`);
    }
    const pool = (await anon.call<Record<string, unknown>>('GET', '/api/pool')).body;
    assert.deepEqual(Object.keys(pool).sort(), ['capabilities', 'leased', 'provider', 'starting', 'warm']);
    for (const p of [`/api/exercises/${EXERCISE}`, `/api/sessions/${aliceSession.id}`]) assert.equal((await anon.call('GET', p)).status, 401, p);
    assert.equal((await anon.call('POST', `/api/exercises/${EXERCISE}/start`, { eventId: 0 })).status, 401);
  });

  test('starting another exercise ends the first: a learner holds one cluster at a time', async () => {
    const second = await alice.call<SessionView>('POST', `/api/exercises/${OTHER}/start`, { eventId: 0 });
    assert.equal(second.status, 202, second.text);
    assert.equal((await alice.call<SessionView>('GET', `/api/sessions/${aliceSession.id}`)).body.status, 'ended');
    // while that one is prepared, nothing else starts for her
    assert.equal((await alice.call('POST', `/api/exercises/${EXERCISE}/start`, { eventId: 0 })).status, 429);
    assert.equal((await alice.call('DELETE', `/api/sessions/${second.body.id}`)).status, 204);
    // her clusters are given back (disposed): only Bob's stays leased
    await eventually('only one cluster leased', async () => {
      const p = (await anon.call<{ leased: number; starting: number }>('GET', '/api/pool')).body;
      return p.leased === 1 && p.starting === 0;
    }, 240_000);
    assert.equal((await bob.call<SessionView>('GET', `/api/sessions/${bobSession.id}`)).body.status, 'ready');
  }, 300_000);
});
