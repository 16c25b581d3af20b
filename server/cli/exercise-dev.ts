import { watch } from 'node:fs';
import { attackLines } from '../checks/attack-text.ts';
import { probeContext } from '../checks/context.ts';
import { CheckEngine, type ObjectiveStatus } from '../checks/engine.ts';
import { PROBES } from '../checks/probes/index.ts';
import { createProvider } from '../clusters/create-provider.ts';
import type { Cluster } from '../clusters/provider.ts';
import { loadConfig } from '../config/config.ts';
import { applySetup } from '../exercises/apply.ts';
import { LOAD_CONTEXT } from '../exercises/catalog-context.ts';
import { clusterOptions } from '../exercises/cluster-options.ts';
import { formatProblems, loadExercise, type LoadedExercise } from '../exercises/loader.ts';
import { applyBundle, prepareCluster } from '../exercises/prove.ts';
import { resolveExerciseDir } from './exercise.ts';

const KEYS = 'keys: r re-apply the setup · s run the solution · c run each cheat · q quit';
const say = (line: string): void => void process.stdout.write(`${new Date().toTimeString().slice(0, 8)} ${line}\n`);

/**
 * `batten exercise dev NAME|DIR`: the author's loop. One cluster with the exercise's setup,
 * a kubeconfig to poke it with, and the objectives re-evaluated live — on every change in
 * the cluster, and on every save of exercise.yaml — each state change printed with the
 * probe's detail. Keys run the setup, the solution or the cheats on that cluster.
 */
export async function exerciseDev(args: string[]): Promise<number> {
  const target = args.find((a) => !a.startsWith('--'));
  if (!target) {
    process.stderr.write('usage: batten exercise dev NAME|DIR\n');
    return 2;
  }
  const dir = resolveExerciseDir(target);
  const first = await loadExercise(dir, LOAD_CONTEXT);
  if (!first.ok) {
    process.stderr.write(`${first.name} is broken:\n${formatProblems(first.errors)}\n`);
    return 1;
  }
  let ex: LoadedExercise = first;
  const provider = createProvider(loadConfig());
  const t0 = Date.now();
  say(`starting a cluster with the setup of ${ex.name} ...`);
  const cluster: Cluster = await prepareCluster(ex, provider);
  const kubeconfig = cluster.kubeconfigPath('learner');
  say(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  process.stdout.write(`  export KUBECONFIG=${kubeconfig}\n  kubectl get all -A\n${KEYS}\n`);

  let engine = startEngine(ex, cluster);
  let chain: Promise<unknown> = Promise.resolve();
  const queue = (what: string, job: () => Promise<void>) => {
    chain = chain.then(async () => {
      say(what);
      await job().catch((e: unknown) => say(`${what} failed: ${(e as Error).message}`));
    });
  };

  let reloadTimer: NodeJS.Timeout | undefined;
  const watcher = watch(dir, (_event, file) => {
    if (file !== 'exercise.yaml') return;
    clearTimeout(reloadTimer);
    reloadTimer = setTimeout(() => queue('exercise.yaml changed: reloading', async () => {
      const next = await loadExercise(dir, LOAD_CONTEXT);
      if (!next.ok) return say(`exercise.yaml is broken (the last good version stays in use):\n${formatProblems(next.errors)}`);
      if (JSON.stringify(clusterOptions(next.exercise)) !== JSON.stringify(clusterOptions(ex.exercise))) {
        say('the cluster options changed: restart `exercise dev` to get a cluster with them');
      }
      ex = next;
      engine.dispose();
      engine = startEngine(next, cluster);
    }), 200);
  });
  watcher.on('error', () => undefined);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = () => {
      if (stopping) return;
      stopping = true;
      say('removing the cluster ...');
      watcher.close();
      clearTimeout(reloadTimer);
      engine.dispose();
      void chain.then(() => cluster.dispose()).then(() => resolve(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    process.stdin.on('data', (d: Buffer) => {
      for (const key of d.toString()) {
        if (key === 'q' || key === '\x03') stop();
        else if (key === 'r') queue('re-applying the setup', () => applySetup(ex, cluster));
        else if (key === 's') queue('running the solution', () => bundle(applyBundle(ex.solution, cluster)));
        else if (key === 'c') {
          for (const cheat of ex.cheats) queue(`running cheat ${cheat.name} (press r to undo what it did)`, () => bundle(applyBundle(cheat, cluster)));
        }
      }
    });
    process.stdin.on('end', stop);
  });
}

async function bundle(result: Promise<string | undefined>): Promise<void> {
  const err = await result;
  if (err) throw new Error(err);
}

function startEngine(ex: LoadedExercise, cluster: Cluster): CheckEngine {
  const engine = new CheckEngine({
    objectives: ex.exercise.objectives,
    probes: PROBES,
    ctx: probeContext(cluster),
    onChange: (s: ObjectiveStatus) => {
      say(`${s.id}: ${s.state.toUpperCase()} — ${s.detail}`);
      for (const l of attackLines(s.attack)) say(`  ${l}`);
    },
    onError: (e) => say(`checker error: ${(e as Error).message}`),
  });
  engine.start();
  return engine;
}
