import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { probeContext } from '../../server/checks/context.ts';
import type { ProbeContext } from '../../server/checks/probe.ts';
import { reach } from '../../server/checks/probes/reach.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { kubectl, testProvider } from '../support/clusters.ts';

/** The reach probe tests every pod a selector matches, on a real API server: decoy pods that
 * sort first and carry the fix cannot stand in for the application's pods. */
const pod = (name: string, labels: Record<string, string>) => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: shop, labels: ${JSON.stringify(labels)} }
spec: { containers: [{ name: c, image: busybox:1.36 }] }
---
`;
const denyEgress = (name: string, selector: Record<string, string>) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec: { podSelector: { matchLabels: ${JSON.stringify(selector)} }, policyTypes: [Egress] }
`;

describe('reach: every pod a selector matches', () => {
  let cluster: Cluster;
  let ctx: ProbeContext;
  const apply = async (yaml: string) => {
    const r = await kubectl(cluster, ['apply', '-f', '-'], { stdin: yaml });
    assert.equal(r.code, 0, r.stderr);
  };
  const metadata = () => reach.evaluate(ctx, reach.schema.parse({ from: { namespace: 'shop', selector: { app: 'web' } }, to: { ip: '169.254.169.254' }, port: 80, expect: 'denied' }));

  beforeAll(async () => {
    cluster = await testProvider().create();
    ctx = probeContext(cluster);
    await apply(`apiVersion: v1\nkind: Namespace\nmetadata: { name: shop }\n---\n${pod('web-1', { app: 'web' })}${pod('web-2', { app: 'web' })}`);
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  test('a decoy that sorts first and is the only pod fixed earns nothing', async () => {
    await apply(pod('0-decoy', { app: 'web', decoy: 'yes' }) + denyEgress('decoy-only', { decoy: 'yes' }));
    const v = await metadata();
    assert.equal(v.ok, false);
    assert.match(v.attack!.request, /^connect from pod shop\/web-1 to 169\.254\.169\.254 port 80\/TCP$/);
    assert.match(v.detail, /\(one of 3 pod pairs\)$/);
  });

  test('once every matching pod is fixed, the attack fails for all of them', async () => {
    await apply(denyEgress('web-egress', { app: 'web' }));
    const v = await metadata();
    assert.equal(v.ok, true, v.detail);
    assert.match(v.attack!.response, /^blocked \(all 3 pod pairs\)/);
  });
});
