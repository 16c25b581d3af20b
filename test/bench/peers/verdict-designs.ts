/**
 * Fix → verdict with two checker designs on the same clusters and fixes, in alternating
 * blocks: Batten's event-driven CheckEngine (watches, debounced re-evaluation) and the
 * usual polling loop (evaluate everything on a 1 s timer, take the verdict from the result).
 * The polling design is a CheckEngine that is never start()ed, so it opens no watch and
 * no timer of its own: only the 1 s loop evaluates, with exactly the engine's evaluation.
 */
import path from 'node:path';
import { CheckEngine, type ObjectiveStatus } from '../../../server/checks/engine.ts';
import { probeContext } from '../../../server/checks/context.ts';
import { PROBES } from '../../../server/checks/probes/index.ts';
import type { Cluster, ClusterProvider } from '../../../server/clusters/provider.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../../server/exercises/catalog-context.ts';
import { assertLoaded, loadExercise, type LoadedExercise } from '../../../server/exercises/loader.ts';
import { prepareCluster } from '../../../server/exercises/prove.ts';
import { clusterClient } from '../../../server/kube/kube-client.ts';
import { checkerBlocks, type VerdictDesign } from '../peers-logic.ts';
import { binding, OBJECTIVE } from '../checker.bench.ts';

const EXERCISE = 'default-sa-cluster-admin';
export const POLL_MS = 1000;
const VERDICT_TIMEOUT_MS = 30_000;
const SETTLE_MS = 3000;

/** Resolves a wait when cluster i's objective reaches a state, with the time it was seen. */
class Verdicts {
  private readonly waiters = new Map<number, { state: string; resolve: (at: number) => void }>();

  seen(i: number, s: ObjectiveStatus): void {
    const w = this.waiters.get(i);
    if (s.id === OBJECTIVE && w && s.state === w.state) {
      this.waiters.delete(i);
      w.resolve(performance.now());
    }
  }

  until(i: number, state: string, what: string): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(i);
        reject(new Error(`the ${what} checker did not report ${OBJECTIVE} ${state} on cluster ${i} within ${VERDICT_TIMEOUT_MS} ms`));
      }, VERDICT_TIMEOUT_MS);
      this.waiters.set(i, { state, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
  }
}

/** One design running over every cluster for one block; `dispose()` stops it. */
interface Checker {
  dispose(): void;
}

function startChecker(design: VerdictDesign, ex: LoadedExercise, clusters: Cluster[], verdicts: Verdicts): Checker {
  const engines = clusters.map(
    (c, i) =>
      new CheckEngine({
        objectives: ex.exercise.objectives,
        probes: PROBES,
        ctx: probeContext(c),
        // the polling design takes its verdict from evaluateAll's result, not from events
        onChange: design === 'event' ? (s) => verdicts.seen(i, s) : () => undefined,
      }),
  );
  if (design === 'event') {
    for (const e of engines) e.start();
    return { dispose: () => engines.forEach((e) => e.dispose()) };
  }
  const timers = engines.map((e, i) => {
    let busy = false; // a tick while the last evaluation still runs is skipped, as a click loop would
    return setInterval(() => {
      if (busy) return;
      busy = true;
      e.evaluateAll()
        .then((states) => states.forEach((s) => verdicts.seen(i, s)))
        .catch(() => undefined) // an evaluation that fails gives no verdict; the next tick tries again
        .finally(() => (busy = false));
    }, POLL_MS);
  });
  return { dispose: () => (timers.forEach(clearInterval), engines.forEach((e) => e.dispose())) };
}

/** Fix → verdict samples of both designs, `fixesPerDesign` each, in alternating blocks of
 * `blockSize` fixes, round-robin over `sessions` clusters of the exercise. */
export async function verdictDesignSamples(provider: ClusterProvider, fixesPerDesign: number, blockSize: number, sessions = 2): Promise<Record<VerdictDesign, number[]>> {
  const ex = assertLoaded(await loadExercise(path.join(EXERCISES_DIR, EXERCISE), LOAD_CONTEXT));
  const clusters: Cluster[] = [];
  const samples: Record<VerdictDesign, number[]> = { event: [], polling: [] };
  const verdicts = new Verdicts();
  try {
    for (let i = 0; i < sessions; i++) clusters.push(await prepareCluster(ex, provider));
    let n = 0;
    for (const block of checkerBlocks(fixesPerDesign, blockSize)) {
      // every block starts on broken clusters (the seed, or the last block's re-break)
      const initial = clusters.map((_, i) => verdicts.until(i, 'unmet', block.design));
      const checker = startChecker(block.design, ex, clusters, verdicts);
      try {
        await Promise.all(initial);
        // steady state, as in checker.bench.ts: the event design's watches are open and their
        // first (onOpen) evaluations done; the polling design waits alike
        await new Promise((r) => setTimeout(r, SETTLE_MS));
        for (let k = 0; k < block.fixes; k++, n++) {
          const i = n % clusters.length;
          const kube = clusterClient(clusters[i]!, 'learner');
          const met = verdicts.until(i, 'met', block.design);
          const res = await kube.request('DELETE', `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${String(ex.params.binding)}`);
          const accepted = performance.now();
          if (res.status !== 200) throw new Error(`fix ${n} (${block.design}): deleting the binding answered HTTP ${res.status}`);
          samples[block.design].push((await met) - accepted);
          // break it again, and wait for this checker to see it, before the next fix
          const broken = verdicts.until(i, 'regressed', block.design);
          await kube.apply(binding(ex.params) as never, 'bench');
          await broken;
        }
      } finally {
        checker.dispose();
      }
    }
    return samples;
  } finally {
    await Promise.all(clusters.map((c) => c.dispose()));
  }
}
