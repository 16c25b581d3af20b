import path from 'node:path';
import { CheckEngine } from '../../server/checks/engine.ts';
import { probeContext } from '../../server/checks/context.ts';
import { PROBES } from '../../server/checks/probes/index.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { openDatabase } from '../../server/db/database.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../server/exercises/catalog-context.ts';
import { assertLoaded, loadExercise } from '../../server/exercises/loader.ts';
import { prepareCluster } from '../../server/exercises/prove.ts';
import { clusterClient } from '../../server/kube/kube-client.ts';
import { ReplayRecorder } from '../../server/replay/recorder.ts';
import { ReplayStore } from '../../server/replay/replay-store.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { tempDir, testConfig, testProvider } from '../support/clusters.ts';
import type { BenchResult } from './cluster.bench.ts';
import { percentile, round } from './stats.ts';

const OBJECTIVE = 'sa-cannot-read-secrets';
const SESSION = 'bench-replay';

/**
 * What the replay recorder costs the checker: time from the API server accepting a fix to
 * the engine emitting `met` (as checker.bench.ts), `samples` fixes with the recorder off and
 * as many with it on, in alternating blocks, on the same cluster and engine; the recorder writing into a
 * real SQLite file. overheadPct compares the p50s (the p95 of a few samples is one sample).
 */
export async function replayBench(samples: number): Promise<BenchResult> {
  const ex = assertLoaded(await loadExercise(path.join(EXERCISES_DIR, 'default-sa-cluster-admin'), LOAD_CONTEXT));
  const provider = testProvider(testConfig());
  const db = openDatabase(path.join(tempDir('batten-replay-bench-'), 'bench.db'));
  db.prepare("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (1, 'bench', 'Bench', 'x', 'learner')").run();
  new ScoreStore(db).startSession(SESSION, { userId: 1, eventId: 0, exercise: ex.name }, 'bench');
  const replay = new ReplayStore(db);
  let cluster: Cluster | undefined;
  let engine: CheckEngine | undefined;
  let recorder: ReplayRecorder | undefined;
  let waiter: { state: string; resolve: (at: number) => void } | undefined;
  try {
    cluster = await prepareCluster(ex, provider);
    engine = new CheckEngine({
      objectives: ex.exercise.objectives,
      probes: PROBES,
      ctx: probeContext(cluster),
      onChange: (s) => {
        if (s.id === OBJECTIVE && waiter && s.state === waiter.state) {
          const w = waiter;
          waiter = undefined;
          w.resolve(performance.now());
        }
      },
    });
    engine.start();
    while (engine.states().length < ex.exercise.objectives.length) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 2000));
    const until = (state: string) => new Promise<number>((resolve) => (waiter = { state, resolve }));
    const kube = clusterClient(cluster, 'learner');
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: String(ex.params.binding) },
      subjects: [{ kind: 'ServiceAccount', name: 'default', namespace: String(ex.params.ns) }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    };
    let first = true;
    const fixes = async (n: number): Promise<number[]> => {
      const out: number[] = [];
      for (let k = 0; k < n; k++) {
        if (!first) {
          const broken = until('regressed');
          await kube.apply(binding as never, 'bench');
          await broken;
        }
        first = false;
        const met = until('met');
        const res = await kube.request('DELETE', `/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/${binding.metadata.name}`);
        const accepted = performance.now();
        if (res.status !== 200) throw new Error(`fix ${k}: HTTP ${res.status}`);
        out.push((await met) - accepted);
      }
      return out;
    };

    // off and on in alternating blocks, so that a machine growing busier (or quieter) during
    // the run weighs on both sides alike
    const off: number[] = [];
    const on: number[] = [];
    const block = Math.max(2, Math.ceil(samples / 4));
    while (on.length < samples) {
      off.push(...(await fixes(block)));
      recorder = new ReplayRecorder({ cluster, sessionId: SESSION, store: replay });
      recorder.start();
      await new Promise((r) => setTimeout(r, 2000)); // its baseline lists done
      on.push(...(await fixes(block)));
      recorder.dispose();
      recorder = undefined;
    }
    const entries = (db.prepare('SELECT COUNT(*) AS n FROM replay_entries WHERE session_id = ?').get(SESSION) as { n: number }).n;
    const p50Off = percentile(off, 50);
    const p50On = percentile(on, 50);
    return {
      metrics: {
        'replay.offFixToVerdictMs.p50': round(p50Off),
        'replay.offFixToVerdictMs.p95': round(percentile(off, 95)),
        'replay.onFixToVerdictMs.p50': round(p50On),
        'replay.onFixToVerdictMs.p95': round(percentile(on, 95)),
        'replay.overheadPct': round(((p50On - p50Off) / p50Off) * 100),
        // each fix with the recorder on is a learner delete and (after the first) a re-create
        'replay.entriesRecorded': entries,
      },
      notes: entries < on.length ? [`the recorder kept ${entries} entries for ${samples} fixes: it missed some`] : [],
    };
  } finally {
    recorder?.dispose();
    engine?.dispose();
    await cluster?.dispose();
    db.close();
  }
}
