import assert from 'node:assert/strict';
import { probeContext } from '../../server/checks/context.ts';
import { reach } from '../../server/checks/probes/reach.ts';
import type { Cluster, ConnectionTest } from '../../server/clusters/provider.ts';
import { clusterClient } from '../../server/kube/kube-client.ts';
import { kubectl } from '../support/clusters.ts';
import { percentile, round } from './stats.ts';

const PODS = `apiVersion: v1
kind: Namespace
metadata: { name: bench-net }
---
apiVersion: v1
kind: Pod
metadata: { name: client, namespace: bench-net, labels: { app: client } }
spec:
  terminationGracePeriodSeconds: 1
  containers: [{ name: c, image: "localhost/batten/shell:1.35", command: [sleep, "100000"] }]
---
apiVersion: v1
kind: Pod
metadata: { name: server, namespace: bench-net, labels: { app: server } }
spec:
  terminationGracePeriodSeconds: 1
  containers: [{ name: c, image: "localhost/batten/shell:1.35", command: [httpd, -f, -p, "8080"] }]
`;
const POLICY = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'bench-net' }, spec: { podSelector: { matchLabels: { app: 'server' } } } };

/**
 * NetworkPolicies on real packets (kind): from a policy's creation to the first connection
 * it blocks, and from its deletion to the first connection through again (real connections
 * from the client pod's network namespace, one begun every 100 ms); and how long the
 * `reach` probe takes for a pair that connects and for one that is blocked (its answer
 * waits for the one-second timeout).
 */
export async function kindNetworkSamples(cluster: Cluster, cycles: number): Promise<Record<string, number>> {
  assert.equal((await kubectl(cluster, ['apply', '-f', '-'], { stdin: PODS })).code, 0);
  assert.equal((await kubectl(cluster, ['wait', '--for=condition=Ready', '-n', 'bench-net', 'pod/client', 'pod/server', '--timeout=120s'])).code, 0);
  const kube = clusterClient(cluster, 'learner');
  const ip = async (name: string) => (await kube.get<{ status: { podIP: string } }>('v1', 'Pod', 'bench-net', name))!.status.podIP;
  const test: ConnectionTest = { fromPodIp: await ip('client'), toIp: await ip('server'), port: 8080 };
  // an attempt every 100 ms, without waiting for the one before (a blocked one takes its
  // one-second timeout): the change took effect when the first attempt that saw it began
  const until = async (want: 'connected' | 'blocked', t0: number): Promise<number> => {
    const attempts: Promise<number | undefined>[] = [];
    let seen: number | undefined;
    while (seen === undefined && performance.now() - t0 < 30_000) {
      const began = performance.now();
      attempts.push(cluster.tryConnections!([test]).then(([got]) => (got === want ? (seen ??= began) : undefined)));
      await new Promise((r) => setTimeout(r, 100));
    }
    const hits = (await Promise.all(attempts)).filter((t): t is number => t !== undefined);
    if (hits.length === 0) throw new Error(`no ${want} connection 30 s after the change`);
    return Math.min(...hits) - t0;
  };
  const ctx = probeContext(cluster);
  const probe = (expect: 'allowed' | 'denied') => reach.schema.parse({ from: { namespace: 'bench-net', pod: 'client' }, to: { namespace: 'bench-net', pod: 'server' }, port: 8080, expect });
  const block: number[] = [];
  const lift: number[] = [];
  const probeBlocked: number[] = [];
  const probeOpen: number[] = [];
  for (let i = 0; i < cycles; i++) {
    const p0 = performance.now();
    assert.equal((await reach.evaluate(ctx, probe('allowed'))).ok, true);
    probeOpen.push(performance.now() - p0);
    assert.equal((await kube.create(POLICY)).status, 201);
    block.push(await until('blocked', performance.now()));
    const p1 = performance.now();
    assert.equal((await reach.evaluate(ctx, probe('denied'))).ok, true);
    probeBlocked.push(performance.now() - p1);
    assert.equal((await kube.delete(POLICY)).status, 200);
    lift.push(await until('connected', performance.now()));
  }
  await kubectl(cluster, ['delete', 'namespace', 'bench-net', '--wait=false']);
  return {
    'kind.policyBlocksMs.p50': round(percentile(block, 50)),
    'kind.policyBlocksMs.p95': round(percentile(block, 95)),
    'kind.policyLiftsMs.p50': round(percentile(lift, 50)),
    'kind.policyLiftsMs.p95': round(percentile(lift, 95)),
    'kind.reachProbeOpenMs.p50': round(percentile(probeOpen, 50)),
    'kind.reachProbeBlockedMs.p50': round(percentile(probeBlocked, 50)),
  };
}
