import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Cluster } from '../../server/clusters/provider.ts';
import { apiRequest } from '../../server/kube/api-client.ts';
import { eventually, kubectl, testConfig, testProvider } from '../support/clusters.ts';

describe('per-cluster options reach the API server', () => {
  let c: Cluster;
  beforeAll(async () => {
    c = await testProvider().create({
      nodes: 3,
      apiServerFlags: {
        'anonymous-auth': 'false',
        'audit-policy-file': '/etc/kubernetes/audit/policy.yaml',
        'audit-log-path': '/var/log/kubernetes/audit.log',
        'enable-admission-plugins': 'NodeRestriction,AlwaysPullImages',
      },
      files: { 'audit/policy.yaml': 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n' },
    });
  });
  afterAll(() => c?.dispose());

  test('anonymous-auth=false: a request without credentials is 401', async () => {
    assert.equal((await apiRequest({ server: c.endpoint.server, caPem: c.endpoint.caPem }, 'GET', '/livez')).status, 401);
  });

  test('the audit policy and log files are used, inside the node directories', async () => {
    assert.equal((await kubectl(c, ['get', 'namespaces'])).code, 0);
    const log = path.join(c.nodeFiles!.varLogKubernetes, 'audit.log');
    await eventually('audit events', async () => existsSync(log) && readFileSync(log, 'utf8').includes('"resource":"namespaces"'), 10_000);
  });

  test('the manifest shows the options as flags, and the node count is honoured', async () => {
    const manifest = readFileSync(c.nodeFiles!.apiServerManifest, 'utf8');
    assert.match(manifest, /--enable-admission-plugins=NodeRestriction,AlwaysPullImages/);
    const nodes = await kubectl(c, ['get', 'nodes', '-o', 'name']);
    assert.deepEqual(nodes.stdout.trim().split('\n'), ['node/node-1', 'node/node-2', 'node/node-3']);
  });
});

test("etcd's storage quota stops one learner from filling the disk", async () => {
  const c = await testProvider(testConfig({ ETCD_QUOTA_MB: '8' })).create();
  try {
    const big = 'x'.repeat(700 * 1024);
    let error = '';
    for (let i = 0; i < 40 && !error; i++) {
      const r = await kubectl(c, ['create', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `fill-${i}` }, data: { data: big } }) });
      if (r.code !== 0) error = r.stderr;
    }
    assert.match(error, /database space exceeded/);
  } finally {
    await c.dispose();
  }
});
