import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { kindBuilt } from '../../server/clusters/create-provider.ts';
import { ClusterError } from '../../server/clusters/errors.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { podExec } from '../../server/kube/pod-exec.ts';
import type { TerminalSession } from '../../server/terminal/terminal-session.ts';
import { probeContext } from '../../server/checks/context.ts';
import { evaluateReach } from '../../server/checks/netpol/evaluate.ts';
import type { NetworkPolicy, Pod } from '../../server/checks/netpol/types.ts';
import { reach } from '../../server/checks/probes/reach.ts';
import { KindCluster } from '../../server/clusters/kind/kind-cluster.ts';
import { kubectl, testConfig, testProvider } from '../support/clusters.ts';
import { openTerminal, run } from '../support/terminal.ts';

/**
 * What only the kind provider has: pods that really run, the workload images baked into
 * the node, the exec subresource the `exec` probe uses, the learner's `kubectl exec`
 * from the sandboxed terminal, and NetworkPolicies enforced on real packets.
 */
const cfg = testConfig({ CLUSTER_PROVIDER: 'kind' });
const missing = kindBuilt(cfg) ? undefined : 'not built on this machine: run bin/batten setup --kind';

describe.skipIf(missing)(`kind runtime${missing ? ` (${missing})` : ''}`, () => {
  let cluster: Cluster;
  let term: TerminalSession | undefined;
  const checker = () => ({ server: cluster.endpoint.server, caPem: cluster.endpoint.caPem, ...cluster.credentials('checker') });

  beforeAll(async () => {
    cluster = await testProvider(cfg).create({ label: 'kind-runtime' });
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: shell, namespace: default }
spec:
  terminationGracePeriodSeconds: 1
  containers: [{ name: sh, image: "localhost/batten/shell:1.35", command: [sleep, "100000"] }]
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: default }
spec:
  containers: [{ name: web, image: "localhost/batten/webapp:1", env: [{ name: DB_PASSWORD, value: pw }] }]
`;
    const applied = await kubectl(cluster, ['apply', '-f', '-'], { stdin: pod });
    assert.equal(applied.code, 0, applied.stderr);
    const waited = await kubectl(cluster, ['wait', '--for=condition=Ready', 'pod/shell', 'pod/web', '--timeout=120s']);
    assert.equal(waited.code, 0, `the baked images start without any registry: ${waited.stderr}`);
  });
  afterAll(async () => {
    await term?.dispose();
    await cluster?.dispose();
  });

  test('the exec probe runs a command in a pod and gets its exit code and output', async () => {
    const ok = await podExec(checker(), { namespace: 'default', pod: 'shell', container: 'sh', command: ['sh', '-c', 'echo hello; echo oops >&2'] });
    assert.equal(ok.exitCode, 0);
    assert.match(ok.output, /hello/);
    assert.match(ok.output, /oops/);
    const failed = await podExec(checker(), { namespace: 'default', pod: 'shell', container: 'sh', command: ['sh', '-c', 'exit 3'] });
    assert.equal(failed.exitCode, 3);
    const web = await podExec(checker(), { namespace: 'default', pod: 'web', container: 'web', command: ['wget', '-q', '-O', '-', 'http://127.0.0.1:8080/healthz'] });
    assert.equal(web.exitCode, 0, web.output);
    assert.match(web.output, /ok \(database password from environment variable DB_PASSWORD\)/);
  });

  test("the node container's memory is read from its cgroup", async () => {
    const m = await cluster.memory();
    assert.ok(m.anonBytes > 100 * 2 ** 20 && m.rssBytes >= m.anonBytes, JSON.stringify(m));
  });

  test('a command that cannot run is an error, never an exit code', async () => {
    await assert.rejects(podExec(checker(), { namespace: 'default', pod: 'nope', container: 'sh', command: ['true'] }), ClusterError);
    await assert.rejects(podExec(checker(), { namespace: 'default', pod: 'shell', container: 'sh', command: ['/no/such/binary'] }), ClusterError);
    await assert.rejects(podExec(checker(), { namespace: 'default', pod: 'shell', container: 'sh', command: ['sleep', '30'], timeoutMs: 1500 }), /did not finish within 1500 ms/);
  });

  test("the learner's sandboxed terminal reaches pods with kubectl exec, and edits the node's /etc/kubernetes", async () => {
    term = await openTerminal(cluster);
    const exec = await run(term, 'kubectl exec shell -- cat /proc/1/comm', 60_000);
    assert.equal(exec.code, 0, exec.output);
    assert.match(exec.output, /sleep/);
    const files = await run(term, 'ls /etc/kubernetes/manifests && test -w /etc/kubernetes/manifests/kube-apiserver.yaml && echo WRITABLE');
    assert.match(files.output, /etcd\.yaml/);
    assert.match(files.output, /WRITABLE/);
    const node = await run(term, 'cat /proc/1/comm; test -S /run/containerd/containerd.sock || echo NO-CONTAINERD; test -e /var/lib/kubelet/config.yaml || echo NO-KUBELET-STATE');
    assert.doesNotMatch(node.output, /systemd/, "the shell is not in the privileged node's PID namespace");
    assert.match(node.output, /NO-CONTAINERD/, "the shell cannot reach the node's container runtime");
    assert.match(node.output, /NO-KUBELET-STATE/, "the shell sees only the node's /etc/kubernetes and /var/log/kubernetes");
  });

  test('NetworkPolicies stop real packets as evaluate.ts says, and the reach probe tries real connections', async () => {
    const pods = `apiVersion: v1
kind: Namespace
metadata: { name: net, labels: { zone: shop } }
---
apiVersion: v1
kind: Namespace
metadata: { name: ops }
` + [
      ['net', 'client', 'client', 'sleep 100000'],
      ['net', 'other', 'other', 'sleep 100000'],
      ['net', 'server', 'server', 'httpd -p 8080 && httpd -f -p 9090'],
      ['ops', 'admin', 'admin', 'httpd -f -p 8080'],
    ].map(([ns, name, app, cmd]) => `---
apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${ns}, labels: { app: ${app} } }
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: c
      image: "localhost/batten/shell:1.35"
      command: [sh, -c, "${cmd}"]
      ports: [{ name: http, containerPort: 8080 }, { name: admin, containerPort: 9090 }]
`).join('');
    const applied = await kubectl(cluster, ['apply', '-f', '-'], { stdin: pods });
    assert.equal(applied.code, 0, applied.stderr);
    const waited = await kubectl(cluster, ['wait', '--for=condition=Ready', '-n', 'net', 'pod/client', 'pod/other', 'pod/server', '--timeout=120s']);
    assert.equal(waited.code, 0, waited.stderr);
    assert.equal((await kubectl(cluster, ['wait', '--for=condition=Ready', '-n', 'ops', 'pod/admin', '--timeout=120s'])).code, 0);
    const ctx = probeContext(cluster);
    const probe = (from: string, to: string, port: number | string, expect: 'allowed' | 'denied', toNs = 'net') =>
      reach.evaluate(ctx, reach.schema.parse({ from: { namespace: 'net', pod: from }, to: { namespace: toNs, pod: to }, port, expect }));

    const open = await probe('other', 'server', 'http', 'denied');
    assert.equal(open.ok, false, open.detail);
    assert.match(open.detail, /a real connection from net\/other to net\/server:8080 connected/);
    assert.match(open.attack?.response ?? '', /connected/);

    const policies = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: server-from-client, namespace: net }
spec:
  podSelector: { matchLabels: { app: server } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: client } } }], ports: [{ port: http }] }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: client-egress, namespace: net }
spec:
  podSelector: { matchLabels: { app: client } }
  policyTypes: [Egress]
  egress:
    - to: [{ namespaceSelector: { matchLabels: { zone: shop } } }]
      ports: [{ port: 8000, endPort: 8100 }]
    - to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.244.0.0/16] } }]
`;
    assert.equal((await kubectl(cluster, ['apply', '-f', '-'], { stdin: policies })).code, 0);
    await (cluster as KindCluster).networkPolicies!.settled();
    assert.equal((cluster as KindCluster).networkPolicies!.lastError, undefined);

    // every pair and port, for real, against the evaluator's answer
    const [all, nss, pols] = await Promise.all([ctx.kube.list<Pod>('v1', 'Pod'), ctx.kube.list('v1', 'Namespace'), ctx.kube.list<NetworkPolicy>('networking.k8s.io/v1', 'NetworkPolicy')]);
    const ours = all.filter((p) => ['net', 'ops'].includes(p.metadata.namespace!));
    const cases = ours.flatMap((f) => ours.filter((t) => t !== f).flatMap((t) => [8080, 9090].map((port) => ({ f, t, port }))));
    const outcomes = await cluster.tryConnections!(cases.map((c) => ({ fromPodIp: c.f.status!.podIP!, toIp: c.t.status!.podIP!, port: c.port })));
    const wrong = cases
      .map((c, i) => ({ c, got: outcomes[i]!, want: evaluateReach({ pods: all, namespaces: nss as never, policies: pols, from: { namespace: c.f.metadata.namespace!, name: c.f.metadata.name }, to: { namespace: c.t.metadata.namespace!, name: c.t.metadata.name }, port: c.port }) }))
      .filter(({ got, want }) => (got !== 'blocked') !== want.allowed)
      .map(({ c, got, want }) => `${c.f.metadata.name} → ${c.t.metadata.name}:${c.port} ${got}, evaluator: ${want.detail}`);
    assert.deepEqual(wrong, []);
    assert.ok(outcomes.includes('blocked') && outcomes.includes('connected'), outcomes.join());

    const fixed = await probe('other', 'server', 'http', 'denied');
    assert.equal(fixed.ok, true, fixed.detail);
    assert.match(fixed.detail, /got no answer within a second: blocked/);
    const app = await probe('client', 'server', 'http', 'allowed');
    assert.equal(app.ok, true, app.detail);
    const admin = await probe('client', 'server', 'admin', 'denied');
    assert.equal(admin.ok, true, admin.detail);
    const down = await probe('client', 'admin', 9090, 'allowed', 'ops');
    assert.equal(down.ok, false, 'egress to 9090 is outside the allowed range');

    // IPv6 link-local would go around every rule: nothing but IPv4 and ARP crosses the bridge
    const ll = (await kubectl(cluster, ['exec', '-n', 'net', 'server', '--', 'ip', '-6', '-o', 'addr', 'show', 'dev', 'eth0', 'scope', 'link'])).stdout.match(/fe80::[0-9a-f:]+/)?.[0];
    assert.ok(ll, 'the pods have IPv6 link-local addresses');
    const v6 = await kubectl(cluster, ['exec', '-n', 'net', 'other', '--', 'sh', '-c', `echo | nc -w 2 ${ll}%eth0 9090 && echo CONNECTED`]);
    assert.doesNotMatch(v6.stdout, /CONNECTED/, 'IPv6 from a pod the policy does not let in');

    // egress reaches the node itself (the API server, the kubelet) only where policies allow it
    const nodeIp = (await kubectl(cluster, ['get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address}'])).stdout.trim();
    const other = all.find((p) => p.metadata.name === 'other')!.status!.podIP!;
    const toNode = () => cluster.tryConnections!([{ fromPodIp: other, toIp: nodeIp, port: 6443 }]);
    assert.deepEqual(await toNode(), ['connected']);
    const lockOther = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: other-no-egress, namespace: net }
spec: { podSelector: { matchLabels: { app: other } }, policyTypes: [Egress] }
`;
    assert.equal((await kubectl(cluster, ['apply', '-f', '-'], { stdin: lockOther })).code, 0);
    await (cluster as KindCluster).networkPolicies!.settled();
    assert.deepEqual(await toNode(), ['blocked']);

    // a pod that claims another pod's address makes real connections no answer, never points
    const server = all.find((p) => p.metadata.name === 'server')!.status!.podIP!;
    const decoy = `apiVersion: v1
kind: Pod
metadata: { name: decoy, namespace: ops }
spec:
  terminationGracePeriodSeconds: 1
  containers:
    - name: c
      image: "localhost/batten/shell:1.35"
      command: [sh, -c, "ip addr add ${server}/32 dev lo && sleep 100000"]
      securityContext: { capabilities: { add: [NET_ADMIN] } }
`;
    assert.equal((await kubectl(cluster, ['apply', '-f', '-'], { stdin: decoy })).code, 0);
    assert.equal((await kubectl(cluster, ['wait', '--for=condition=Ready', '-n', 'ops', 'pod/decoy', '--timeout=120s'])).code, 0);
    await assert.rejects(probe('other', 'server', 'http', 'denied'), /held by more than one pod's network/);
  });
});

