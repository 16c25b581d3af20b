import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { ConnectionOutcome, ConnectionTest } from '../../clusters/provider.ts';
import type { KubeClient } from '../../kube/kube-client.ts';
import type { ProbeContext } from '../probe.ts';
import { reach } from './reach.ts';

/** A fake context: objects from memory and a fake network that answers from a function.
 * The real network is tested on kind (test/integration/kind-runtime.test.ts). */
function fakeContext(o: { phase?: string; policies?: unknown[]; extraPods?: unknown[]; network: (t: ConnectionTest) => ConnectionOutcome }) {
  const tried: ConnectionTest[] = [];
  const pod = (name: string, ip: string) => ({ metadata: { namespace: 'shop', name, labels: { app: name } }, spec: { containers: [{ name: 'c', ports: [{ name: 'http', containerPort: 8080 }] }] }, status: { phase: o.phase ?? 'Running', podIP: ip } });
  const objects: Record<string, unknown[]> = { Pod: [pod('web', '10.244.0.4'), pod('db', '10.244.0.5'), ...(o.extraPods ?? [])], Namespace: [{ metadata: { name: 'shop' } }], NetworkPolicy: o.policies ?? [] };
  const ctx: ProbeContext = {
    kube: { list: async (_v: string, kind: string) => objects[kind] } as unknown as KubeClient,
    anonymous: { server: 'https://127.0.0.1:1', caPem: '' },
    capabilities: ['api', 'runtime', 'network'],
    tryConnections: async (tests) => tests.map((t) => (tried.push(t), o.network(t))),
  };
  return { ctx, tried };
}
const deny = [{ metadata: { namespace: 'shop', name: 'deny' }, spec: { podSelector: { matchLabels: { app: 'db' } } } }];
const spec = (expect: 'allowed' | 'denied') => reach.schema.parse({ from: { namespace: 'shop', pod: 'web' }, to: { namespace: 'shop', pod: 'db' }, port: 'http', expect });

test('with the network capability, pod-to-pod TCP is tried for real on the resolved port; when it agrees with the policies, it decides', async () => {
  const { ctx, tried } = fakeContext({ policies: deny, network: () => 'blocked' });
  const v = await reach.evaluate(ctx, spec('denied'));
  assert.equal(v.ok, true, v.detail);
  assert.deepEqual(tried, [{ fromPodIp: '10.244.0.4', toIp: '10.244.0.5', port: 8080 }]);
  assert.match(v.attack?.response ?? '', /no answer within a second/);
});

test('a refused connection reached the pod: the application is down, the network is open', async () => {
  const open = fakeContext({ network: () => 'refused' });
  assert.equal((await reach.evaluate(open.ctx, spec('allowed'))).ok, false);
  assert.equal((await reach.evaluate(open.ctx, spec('denied'))).ok, false);
});

test('real packets that keep disagreeing with the policies are no answer, never a verdict the policies do not give', async () => {
  // a flat network whose "blocked" answer comes from a decoy: no points
  const decoy = fakeContext({ network: () => 'blocked' });
  await assert.rejects(reach.evaluate(decoy.ctx, spec('denied')), /a real connection from shop\/web to shop\/db:8080 got no answer within a second: blocked, but the NetworkPolicies say/);
  assert.equal(decoy.tried.length, 4, 'tried again while the packet filter could still be following');
  // policies written, but packets still pass (the filter flushed by hand): no answer either
  const flushed = fakeContext({ policies: deny, network: () => 'connected' });
  await assert.rejects(reach.evaluate(flushed.ctx, spec('denied')), /connected, but the NetworkPolicies say/);
});

test('pods that do not run (images of an exercise written for simulated nodes) are decided from the policies alone', async () => {
  const { ctx, tried } = fakeContext({ phase: 'Pending', policies: deny, network: () => 'connected' });
  const v = await reach.evaluate(ctx, spec('denied'));
  assert.equal(v.ok, true, v.detail);
  assert.equal(tried.length, 0);
});

test('a pod that does not run beside ones that do cannot switch the real test off', async () => {
  const pending = { metadata: { namespace: 'shop', name: 'web-pending', labels: { app: 'web' } }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } };
  // the policies are right, but the packet filter was flushed: the running pair still connects
  const { ctx, tried } = fakeContext({ policies: deny, extraPods: [pending], network: () => 'connected' });
  const bySelector = reach.schema.parse({ from: { namespace: 'shop', selector: { app: 'web' } }, to: { namespace: 'shop', pod: 'db' }, port: 'http', expect: 'denied' });
  await assert.rejects(reach.evaluate(ctx, bySelector), /a real connection from shop\/web to shop\/db:8080 connected, but the NetworkPolicies say/);
  assert.ok(tried.every((t) => t.fromPodIp === '10.244.0.4'), 'only the running pod is tried');
});
