import assert from 'node:assert/strict';
import { appendFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';
import { probeContext } from '../../server/checks/context.ts';
import { CheckEngine, type ObjectiveStatus } from '../../server/checks/engine.ts';
import type { ObjectiveSpec } from '../../server/checks/objective-eval.ts';
import { PROBES } from '../../server/checks/probes/index.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import type { Probe } from '../../server/exercises/schema.ts';
import { clusterClient, READ_LIMITS, type KubeClient } from '../../server/kube/kube-client.ts';
import { eventually, kubectl, tempDir, testProvider } from '../support/clusters.ts';

v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const MB = 1_000_000;
const COUNT = 80;
const SIZE = 1 * MB;
const NOTE = 250_000; // and an annotation of 250 kB on each (the most Kubernetes allows is 256 KiB)

const probe = (kind: string, spec: unknown): Probe => ({ kind, spec: PROBES[kind]!.schema.parse(spec) });
const OBJECTIVES: ObjectiveSpec[] = [
  { id: 'few-configmaps', pass: [probe('cel', { expression: 'size(cms) < 1000', objects: { cms: { kind: 'ConfigMap', namespace: 'flood' } } })], keep: [] },
  {
    id: 'status-codes',
    pass: [
      probe('request', { as: { serviceAccount: 'flood/reader' }, path: '/api/v1/namespaces/flood/configmaps', expect: 200 }),
      probe('request', { as: 'anonymous', path: '/api/v1/namespaces/flood/configmaps', expect: [401, 403] }),
      probe('request', { as: 'anonymous', path: '/version', expect: 200 }),
      probe('request', { as: 'anonymous', path: '/readyz', expect: 200 }),
    ],
    keep: [],
  },
];

/** A namespace, and a service account that may read its ConfigMaps. */
const READER = `apiVersion: v1
kind: Namespace
metadata: { name: flood }
---
apiVersion: v1
kind: ServiceAccount
metadata: { name: reader, namespace: flood }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: reader-views, namespace: flood }
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view }
subjects: [{ kind: ServiceAccount, name: reader, namespace: flood }]`;

/** Runs `fn` while sampling, every 50 ms, how far heap, buffers and RSS grew, and the event
 * loop's longest stall. With `live`, each sample follows a full GC: it measures what the
 * process keeps, not the garbage V8 has yet to collect (and the GCs stall the loop). */
async function observe(fn: () => Promise<void>, o: { live: boolean }) {
  gc();
  const base = process.memoryUsage();
  const grew = { heap: 0, buffers: 0, rss: 0, loopMaxMs: 0 };
  const t = setInterval(() => {
    if (o.live) gc();
    const m = process.memoryUsage();
    grew.heap = Math.max(grew.heap, m.heapUsed - base.heapUsed);
    grew.buffers = Math.max(grew.buffers, m.arrayBuffers - base.arrayBuffers);
    grew.rss = Math.max(grew.rss, m.rss - base.rss);
  }, 50);
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  try {
    await fn();
  } finally {
    loop.disable();
    clearInterval(t);
  }
  grew.loopMaxMs = Math.round(loop.max / 1e6);
  return grew;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

describe('the checker bounds what it reads from a cluster the learner owns', () => {
  let cluster: Cluster;
  let learner: KubeClient;
  let engine: CheckEngine;
  const statuses: ObjectiveStatus[] = [];
  const state = (id: string) => engine.states().find((s) => s.id === id);

  beforeAll(async () => {
    cluster = await testProvider().create();
    learner = clusterClient(cluster, 'learner');
    // the attack, as a learner types it: kubectl create -f of 80 ConfigMaps of 1.25 MB each
    // (written one at a time, so the test process itself holds none of it)
    const file = path.join(tempDir('batten-flood-'), 'flood.yaml');
    writeFileSync(file, `${READER}\n`);
    const blob = 'x'.repeat(SIZE);
    const note = 'y'.repeat(NOTE);
    for (let i = 0; i < COUNT; i++) appendFileSync(file, `---\napiVersion: v1\nkind: ConfigMap\nmetadata: { name: fill-${i}, namespace: flood, annotations: { note: ${note} } }\ndata: { blob: ${blob} }\n`);
    const r = await kubectl(cluster, ['create', '-f', file]);
    assert.equal(r.code, 0, r.stderr);
  });
  afterAll(async () => {
    engine?.dispose();
    await cluster?.dispose();
  });

  test('a learner who fills the cluster with 100 MB of ConfigMaps cannot make the checker download them every poll', async () => {
    const data = COUNT * (SIZE + NOTE);
    const polls = async () => {
      for (let i = 0; i < 5; i++) await engine.evaluateAll(); // five polls, on top of the engine's own
      await sleep(3000); // and the engine's timer (a full pass every 2 s)
    };
    // the machine's own stalls (other processes share its two cores), with no checker running
    const idle = await observe(() => sleep(2000), { live: false });
    const kept = await observe(async () => {
      engine = new CheckEngine({ objectives: OBJECTIVES, probes: PROBES, ctx: probeContext(cluster), pollMs: 200, onChange: (s) => statuses.push(s) });
      engine.start();
      await eventually('both objectives evaluated', async () => engine.states().length === 2, 20_000);
      await polls();
    }, { live: true });
    const stalls = await observe(polls, { live: false });
    console.log(`checker-bounds: ${JSON.stringify({ dataBytes: data, idle, kept, stalls })}`);

    const few = state('few-configmaps')!;
    assert.equal(few.state, 'unknown');
    assert.match(few.detail, new RegExp(`namespace flood holds more than ${READ_LIMITS.maxBytes / 1024 / 1024} MiB of ConfigMaps; the check cannot read them all`));
    assert.ok(kept.heap < data / 2, `the heap grew by up to ${kept.heap} bytes while checking ${data} bytes of ConfigMaps`);
    assert.ok(kept.rss < data / 2, `RSS grew by up to ${kept.rss} bytes while checking ${data} bytes of ConfigMaps`);
    // buffers: at most what one list may hold (its byte cap), and what V8 has yet to sweep
    assert.ok(kept.buffers < 2 * READ_LIMITS.maxBytes, `buffers grew by up to ${kept.buffers} bytes; one list may hold ${READ_LIMITS.maxBytes}`);
    assert.ok(stalls.loopMaxMs < 500 + idle.loopMaxMs, `the event loop stalled for ${stalls.loopMaxMs} ms (${idle.loopMaxMs} ms with no checker)`);
  });

  test('probes that need only a status code still answer, over the same large collection', async () => {
    const codes = state('status-codes')!;
    assert.equal(codes.state, 'met', codes.detail);
    assert.match(codes.detail, /system:serviceaccount:flood:reader GET \/api\/v1\/namespaces\/flood\/configmaps gets HTTP 200/);
  });

  test('once the learner deletes what the check cannot read, the probe answers again', async () => {
    // the answer lists every object deleted: only its status code is wanted
    assert.equal((await learner.request('DELETE', '/api/v1/namespaces/flood/configmaps', { discardBody: true, timeoutMs: 30_000 })).status, 200);
    await eventually('few-configmaps met', async () => state('few-configmaps')?.state === 'met', 20_000);
    assert.match(state('few-configmaps')!.detail, /size\(cms\) < 1000 holds/);
  });
});
