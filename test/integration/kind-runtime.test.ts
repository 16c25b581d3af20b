import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { kindBuilt } from '../../server/clusters/create-provider.ts';
import { ClusterError } from '../../server/clusters/errors.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { podExec } from '../../server/kube/pod-exec.ts';
import type { TerminalSession } from '../../server/terminal/terminal-session.ts';
import { kubectl, testConfig, testProvider } from '../support/clusters.ts';
import { openTerminal, run } from '../support/terminal.ts';

/**
 * What only the kind provider has: pods that really run, the workload images baked into
 * the node, the exec subresource the `exec` probe uses, and the learner's `kubectl exec`
 * from the sandboxed terminal.
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
});
