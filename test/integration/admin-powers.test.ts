import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { probeContext } from '../../server/checks/context.ts';
import type { ProbeContext } from '../../server/checks/probe.ts';
import { ADMIN_POWERS, adminPowers } from '../../server/checks/probes/admin-powers.ts';
import { canI } from '../../server/checks/probes/can-i.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { kubectl, testProvider } from '../support/clusters.ts';

/**
 * The shared cluster-admin-equivalent check and subjects read from live workloads, on a real
 * API server: a fix that trades cluster-admin for one of its equivalents, or moves the
 * workload to another account that keeps it, earns nothing.
 */
const SETUP = `apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: web, namespace: shop }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      serviceAccountName: web
      containers: [{ name: web, image: nginx:1.27 }]
`;

const binding = (name: string, role: string, sa: string) => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ${name} }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ${role} }
subjects: [{ kind: ServiceAccount, name: ${sa}, namespace: shop }]
`;

describe('cluster-admin equivalents, asked of the account a workload really runs as', () => {
  let cluster: Cluster;
  let ctx: ProbeContext;
  const run = async (yaml: string) => {
    const r = await kubectl(cluster, ['apply', '-f', '-'], { stdin: yaml });
    assert.equal(r.code, 0, r.stderr);
  };
  const live = { serviceAccountOf: { kind: 'Deployment', namespace: 'shop', name: 'web' } };
  const powers = () => adminPowers.evaluate(ctx, adminPowers.schema.parse({ as: live, expect: 'none' }));

  beforeAll(async () => {
    cluster = await testProvider().create();
    ctx = probeContext(cluster);
    await run(SETUP);
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  test('an account with no binding holds none of the powers', async () => {
    const v = await powers();
    assert.equal(v.ok, true, v.detail);
    assert.equal(v.detail, `system:serviceaccount:shop:web holds none of the ${ADMIN_POWERS.length} powers equivalent to cluster-admin`);
  });

  test('cluster-admin, and each equivalent on its own, is found and named', async () => {
    await run(binding('web-admin', 'cluster-admin', 'web'));
    const all = await powers();
    assert.equal(all.ok, false);
    assert.match(all.attack!.response, /^allowed: \* \*\.\* in all namespaces; list secrets in all namespaces/);
    assert.equal((await kubectl(cluster, ['delete', 'clusterrolebinding', 'web-admin'])).code, 0);

    // "not cluster-admin any more": only impersonation of groups (system:masters is one)
    await run(`apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: debug-helper }
rules: [{ apiGroups: [""], resources: [groups], verbs: [impersonate] }]
`);
    await run(binding('web-debug', 'debug-helper', 'web'));
    const one = await powers();
    assert.equal(one.ok, false);
    assert.match(one.detail, /^system:serviceaccount:shop:web can still impersonate groups in all namespaces \(acting as system:masters\)$/);
    assert.equal((await kubectl(cluster, ['delete', 'clusterrolebinding', 'web-debug'])).code, 0);
    assert.equal((await powers()).ok, true);
  });

  test('moving the workload to another account that keeps the power does not pass', async () => {
    await run(`apiVersion: v1
kind: ServiceAccount
metadata: { name: web-v2, namespace: shop }
`);
    await run(binding('web-v2-admin', 'cluster-admin', 'web-v2'));
    assert.equal((await kubectl(cluster, ['-n', 'shop', 'set', 'serviceaccount', 'deployment/web', 'web-v2'])).code, 0);
    const v = await powers();
    assert.equal(v.ok, false);
    assert.match(v.detail, /^system:serviceaccount:shop:web-v2 can still/);
    const read = await canI.evaluate(ctx, canI.schema.parse({ as: live, verb: 'list', resource: 'secrets', expect: 'denied' }));
    assert.equal(read.ok, false);
    assert.match(read.detail, /^system:serviceaccount:shop:web-v2 can still list secrets in all namespaces/);
    assert.match(read.attack!.response, /allowed: RBAC: allowed by ClusterRoleBinding "web-v2-admin"/);
  });

  test('a workload that is gone is no pass: the application must keep running', async () => {
    assert.equal((await kubectl(cluster, ['-n', 'shop', 'delete', 'deployment', 'web'])).code, 0);
    const v = await powers();
    assert.equal(v.ok, false);
    assert.equal(v.detail, 'there is no Deployment shop/web: the application must keep running');
  });
});
