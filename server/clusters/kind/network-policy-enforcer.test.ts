import assert from 'node:assert/strict';
import { afterEach, test } from 'vitest';
import type { KubeClient } from '../../kube/kube-client.ts';
import { NetworkPolicyEnforcer } from './network-policy-enforcer.ts';

/** A fake API server: collections from memory, and watches that the test fires by hand.
 * The real one is tested on kind clusters (test/integration/kind-runtime.test.ts). */
function fakeKube() {
  const state = { pods: [] as unknown[], policies: [] as unknown[], lists: 0, fail: false };
  const listeners: (() => void)[] = [];
  const kube = {
    watchChanges: (_v: string, _k: string, onChange: () => void, signal: AbortSignal) => {
      listeners.push(onChange);
      onChange();
      return new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
    },
    list: async (_v: string, kind: string) => {
      state.lists++;
      if (state.fail) throw new Error('HTTP 503');
      return kind === 'Pod' ? state.pods : kind === 'NetworkPolicy' ? state.policies : [];
    },
  } as unknown as KubeClient;
  return { kube, state, change: () => listeners.forEach((l) => l()) };
}
const pod = (name: string, ip: string) => ({ metadata: { namespace: 'shop', name, labels: { app: name } }, status: { podIP: ip, phase: 'Running' } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let enforcer: NetworkPolicyEnforcer | undefined;
afterEach(() => enforcer?.dispose());

test('loads the ruleset once the watches open, and again only when it changes', async () => {
  const { kube, state, change } = fakeKube();
  const applied: string[] = [];
  enforcer = new NetworkPolicyEnforcer({ kube, apply: async (r) => void applied.push(r) });
  await enforcer.settled();
  assert.equal(applied.length, 1, 'the three watches opening make one pass');
  change();
  await enforcer.settled();
  assert.equal(applied.length, 1, 'nothing changed: nothing loaded');
  state.pods = [pod('db', '10.244.0.5')];
  state.policies = [{ metadata: { namespace: 'shop', name: 'deny' }, spec: { podSelector: {} } }];
  change();
  await enforcer.settled();
  assert.equal(applied.length, 2);
  assert.match(applied[1]!, /ip daddr 10\.244\.0\.5 jump in_0/);
});

test('a storm of changes makes at most two passes a second, and the last state is loaded', async () => {
  const { kube, state, change } = fakeKube();
  const applied: string[] = [];
  enforcer = new NetworkPolicyEnforcer({ kube, apply: async (r) => void applied.push(r) });
  await enforcer.settled();
  const listsBefore = state.lists;
  state.policies = [{ metadata: { namespace: 'shop', name: 'deny' }, spec: { podSelector: {} } }];
  for (let i = 0; i < 100; i++) {
    state.pods = [pod('db', `10.244.0.${(i % 200) + 1}`)];
    change();
    await sleep(10);
  }
  await enforcer.settled();
  const passes = (state.lists - listsBefore) / 3;
  assert.ok(passes >= 2 && passes <= 4, `about 1.1 s of changes made ${passes} passes`);
  assert.match(applied.at(-1)!, /ip daddr 10\.244\.0\.100 jump/, 'the last pass saw the last state');
});

test('a pass that fails says why, keeps what is loaded, and the next change retries', async () => {
  const { kube, state, change } = fakeKube();
  let nftFails = true;
  const applied: string[] = [];
  enforcer = new NetworkPolicyEnforcer({
    kube,
    apply: async (r) => {
      if (nftFails) throw new Error('nft -f failed (1): syntax error');
      applied.push(r);
    },
  });
  await enforcer.settled();
  assert.match(enforcer.lastError ?? '', /the packet filter was not updated: nft -f failed/);
  state.fail = true;
  change();
  await enforcer.settled();
  assert.match(enforcer.lastError ?? '', /HTTP 503/);
  state.fail = false;
  nftFails = false;
  change();
  await enforcer.settled();
  assert.equal(enforcer.lastError, undefined);
  assert.equal(applied.length, 1);
});

test('a cluster whose policies need too many rules keeps its previous rules and says so', async () => {
  const { kube, state, change } = fakeKube();
  const applied: string[] = [];
  enforcer = new NetworkPolicyEnforcer({ kube, apply: async (r) => void applied.push(r) });
  await enforcer.settled();
  state.pods = Array.from({ length: 110 }, (_, i) => pod(`p${i}`, `10.244.0.${i + 1}`));
  state.policies = Array.from({ length: 3 }, (_, i) => ({ metadata: { namespace: 'shop', name: `all-${i}` }, spec: { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] } }));
  change();
  await enforcer.settled();
  assert.match(enforcer.lastError ?? '', /more than 20000 packet-filter rules: the previous rules stay in force/);
  assert.equal(applied.length, 1);
});
