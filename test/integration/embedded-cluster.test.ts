import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Cluster } from '../../server/clusters/provider.ts';
import { apiRequest } from '../../server/kube/api-client.ts';
import { isAlive } from '../../server/host/process.ts';
import type { EmbeddedCluster } from '../../server/clusters/embedded/embedded-cluster.ts';
import { eventually, kubectl, testProvider } from '../support/clusters.ts';

const DEPLOYMENT = `
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: default }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx:1.27 }]
`;

const PRIVILEGED_POD = `
apiVersion: v1
kind: Pod
metadata: { name: root, namespace: locked }
spec:
  containers:
  - name: c
    image: busybox
    securityContext: { privileged: true }
`;

describe('an embedded cluster (real etcd, kube-apiserver, controller-manager, scheduler, kwok)', () => {
  const provider = testProvider();
  let cluster: Cluster;

  beforeAll(async () => {
    cluster = await provider.create({ nodes: 2 });
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  test('kubectl get nodes shows every node Ready', async () => {
    const r = await kubectl(cluster, ['get', 'nodes', '-o', 'json']);
    assert.equal(r.code, 0, r.stderr);
    const nodes = JSON.parse(r.stdout).items as { metadata: { name: string }; status: { conditions: { type: string; status: string }[] } }[];
    assert.deepEqual(nodes.map((n) => n.metadata.name).sort(), ['node-1', 'node-2']);
    for (const n of nodes) assert.ok(n.status.conditions.some((c) => c.type === 'Ready' && c.status === 'True'), `${n.metadata.name} Ready`);
  });

  test("a Deployment's Pods are scheduled and become Running and Ready", async () => {
    const r = await kubectl(cluster, ['apply', '-f', '-'], { stdin: DEPLOYMENT });
    assert.equal(r.code, 0, r.stderr);
    const rollout = await kubectl(cluster, ['rollout', 'status', 'deployment/web', '--timeout=30s']);
    assert.equal(rollout.code, 0, rollout.stderr);
    const pods = JSON.parse((await kubectl(cluster, ['get', 'pods', '-l', 'app=web', '-o', 'json'])).stdout).items as { spec: { nodeName?: string }; status: { phase: string } }[];
    assert.equal(pods.length, 2);
    for (const p of pods) {
      assert.equal(p.status.phase, 'Running');
      assert.match(p.spec.nodeName ?? '', /^node-\d$/);
    }
  });

  test('kubectl auth can-i answers for the learner, the checker and a service account', async () => {
    for (const as of ['learner', 'checker'] as const) {
      const r = await kubectl(cluster, ['auth', 'can-i', '*', '*', '--all-namespaces'], { as });
      assert.equal(r.stdout.trim(), 'yes', `${as}: ${r.stderr}`);
    }
    const sa = await kubectl(cluster, ['auth', 'can-i', 'list', 'secrets', '--as=system:serviceaccount:default:default']);
    assert.equal(sa.stdout.trim(), 'no');
    const who = await kubectl(cluster, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'], { as: 'checker' });
    assert.equal(who.stdout, 'batten:checker');
  });

  test('Pod Security Admission rejects a privileged Pod in a namespace that enforces restricted', async () => {
    assert.equal((await kubectl(cluster, ['create', 'namespace', 'locked'])).code, 0);
    assert.equal((await kubectl(cluster, ['label', 'namespace', 'locked', 'pod-security.kubernetes.io/enforce=restricted'])).code, 0);
    const r = await kubectl(cluster, ['apply', '-f', '-'], { stdin: PRIVILEGED_POD });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /violates PodSecurity "restricted:latest".*privileged/);
  });

  test('anonymous requests reach only what RBAC grants system:anonymous', async () => {
    const anon = { server: cluster.endpoint.server, caPem: cluster.endpoint.caPem };
    assert.equal((await apiRequest(anon, 'GET', '/api/v1/secrets')).status, 403);
    assert.equal((await apiRequest(anon, 'GET', '/livez')).status, 200);
  });

  test('kwok runs no kubelet server: exec and logs fail instead of reaching the host', async () => {
    const pod = JSON.parse((await kubectl(cluster, ['get', 'pods', '-l', 'app=web', '-o', 'json'])).stdout).items[0].metadata.name as string;
    const exec = await kubectl(cluster, ['exec', pod, '--', 'cat', '/etc/hostname']);
    assert.notEqual(exec.code, 0);
    const logs = await kubectl(cluster, ['logs', pod]);
    assert.notEqual(logs.code, 0);
    assert.match(logs.stderr + exec.stderr, /connection refused|dial tcp/);
  });

  test('the raw etcd value of a Secret is readable by the checker (plain text without encryption)', async () => {
    assert.equal((await kubectl(cluster, ['create', 'secret', 'generic', 'plain', '--from-literal=password=hunter2'])).code, 0);
    const raw = await cluster.etcdGet!('/registry/secrets/default/plain');
    assert.ok(raw, 'the key exists');
    assert.ok(raw.includes(Buffer.from('hunter2')), 'stored in clear');
    assert.equal(raw.subarray(0, 4).toString('latin1'), 'k8s\0', "Kubernetes' protobuf envelope, not k8s:enc:");
  });

  test('dispose stops every process and removes every file', async () => {
    const c = (await provider.create()) as EmbeddedCluster;
    const pids = await c.pids();
    assert.ok(pids.length >= 6, `processes: ${pids.length}`);
    const root = c.nodeFiles!.etcKubernetes;
    await c.dispose();
    await eventually('every process to exit', async () => pids.every((p) => !isAlive(p)), 5_000);
    assert.equal(existsSync(root), false);
    await c.dispose(); // idempotent
  });
});
