import path from 'node:path';
import type { Cluster } from '../../server/clusters/provider.ts';
import { CheckEngine } from '../../server/checks/engine.ts';
import { probeContext } from '../../server/checks/context.ts';
import { PROBES } from '../../server/checks/probes/index.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../server/exercises/catalog-context.ts';
import { assertLoaded, loadExercise } from '../../server/exercises/loader.ts';
import { prepareCluster } from '../../server/exercises/prove.ts';
import { clusterClient } from '../../server/kube/kube-client.ts';
import { testConfig, testProvider } from '../support/clusters.ts';
import { percentile, round } from './stats.ts';
import type { BenchResult } from './cluster.bench.ts';

export const OBJECTIVE = 'sa-cannot-read-secrets';
/** The exercise's weakness, under the names of its preview seed (what prepareCluster sets up). */
export const binding = (p: Readonly<Record<string, string | number>>) => ({
  apiVersion: 'rbac.authorization.k8s.io/v1',
  kind: 'ClusterRoleBinding',
  metadata: { name: String(p.binding) },
  subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: String(p.ns) }],
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
});

/** Time from the API server accepting a fix to the engine emitting `met`, with `sessions`
 * learner sessions (each its own cluster and engine) active at once; and the time of one
 * full evaluation of an exercise. */
export async function checkerBench(fixes: number, sessions = 10): Promise<BenchResult> {
  const ex = assertLoaded(await loadExercise(path.join(EXERCISES_DIR, 'default-sa-cluster-admin'), LOAD_CONTEXT));
  const provider = testProvider(testConfig());
  const clusters: Cluster[] = [];
  const engines: CheckEngine[] = [];
  const waiters = new Map<number, { state: string; resolve: (at: number) => void }>();
  try {
    for (let i = 0; i < sessions; i += 2) clusters.push(...(await Promise.all([0, 1].slice(0, sessions - i).map(() => prepareCluster(ex, provider)))));
    clusters.forEach((c, i) => {
      const engine = new CheckEngine({
        objectives: ex.exercise.objectives,
        probes: PROBES,
        ctx: probeContext(c),
        onChange: (s) => {
          const w = waiters.get(i);
          if (s.id === OBJECTIVE && w && s.state === w.state) {
            waiters.delete(i);
            w.resolve(performance.now());
          }
        },
      });
      engine.start();
      engines.push(engine);
    });
    // Steady state: every engine has evaluated once and its watches are open.
    while (engines.some((e) => e.states().length < ex.exercise.objectives.length)) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2000));
    const until = (i: number, state: string) => new Promise<number>((resolve) => waiters.set(i, { state, resolve }));

    const samples: number[] = [];
    for (let n = 0; n < fixes; n++) {
      const i = n % clusters.length;
      const kube = clusterClient(clusters[i]!, 'learner');
      if (n >= clusters.length) {
        // break it again first, and wait for the engine to see it
        const broken = until(i, 'regressed');
        await kube.apply(binding(ex.params) as never, 'bench');
        await broken;
      }
      const met = until(i, 'met');
      const res = await kube.request('DELETE', `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${String(ex.params.binding)}`);
      const accepted = performance.now();
      if (res.status !== 200) throw new Error(`fix ${n}: HTTP ${res.status}`);
      samples.push((await met) - accepted);
    }

    const evalSamples: number[] = [];
    for (let n = 0; n < 20; n++) {
      const t0 = performance.now();
      await engines[n % engines.length]!.evaluateAll();
      evalSamples.push(performance.now() - t0);
    }
    return {
      metrics: {
        'checker.fixToVerdictMs.p50': round(percentile(samples, 50)),
        'checker.fixToVerdictMs.p95': round(percentile(samples, 95)),
        'checker.fixToVerdictMs.max': round(Math.max(...samples)),
        'checker.fixes': samples.length,
        'checker.activeSessions': clusters.length,
        'checker.evalMs.p50': round(percentile(evalSamples, 50)),
        'checker.evalMs.p95': round(percentile(evalSamples, 95)),
      },
      notes: [],
    };
  } finally {
    for (const e of engines) e.dispose();
    await Promise.all(clusters.map((c) => c.dispose()));
  }
}
