import type { Cluster, ClusterProvider } from '../clusters/provider.ts';
import { attackLines } from '../checks/attack-text.ts';
import { CheckEngine, type ObjectiveStatus } from '../checks/engine.ts';
import { probeContext } from '../checks/context.ts';
import { PROBES } from '../checks/probes/index.ts';
import { applySetup, applyToCluster, outputTail } from './apply.ts';
import { clusterOptions } from './cluster-options.ts';
import { hasParams, instantiate } from './instance.ts';
import type { Bundle, LoadedExercise, NamedBundle } from './loader.ts';

export interface ProveDeps {
  provider: ClusterProvider;
  /** Progress lines. */
  say?: (line: string) => void;
}

export interface ProveResult {
  name: string;
  ok: boolean;
  failures: string[];
  ms: number;
  /** The solutions proven (`solution/`, `solutions/…`), each on every seed. */
  solutions?: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts a cluster with the exercise's options and its setup applied. */
export async function prepareCluster(ex: LoadedExercise, provider: ClusterProvider): Promise<Cluster> {
  const cluster = await provider.create(clusterOptions(ex.exercise));
  try {
    await applySetup(ex, cluster);
    return cluster;
  } catch (e) {
    await cluster.dispose();
    throw e;
  }
}

function evaluate(ex: LoadedExercise, cluster: Cluster): Promise<ObjectiveStatus[]> {
  const engine = new CheckEngine({ objectives: ex.exercise.objectives, probes: PROBES, ctx: probeContext(cluster), onChange: () => undefined });
  return engine.evaluateAll();
}

/** Applies a solution or cheat as the learner would: its manifests, then its script.
 * Returns why it failed, if it did. */
export async function applyBundle(b: Bundle, cluster: Cluster): Promise<string | undefined> {
  if (b.manifests.length > 0) await applyToCluster(cluster, b.manifests);
  if (b.script) {
    const r = await cluster.runScript(b.script, { env: b.env });
    if (r.code !== 0) return `script exited with ${r.code}: ${outputTail(r.output)}`;
  }
  return undefined;
}

/**
 * The instructor's proof of an exercise, each step on a fresh cluster: after setup no
 * objective is met; after each cheat nothing is ever met (it earns 0 points); after each
 * solution (`solution/` and every entry of `solutions/`) every objective is met, with its
 * guards holding, on each seed.
 */
export async function proveExercise(ex: LoadedExercise, d: ProveDeps): Promise<ProveResult> {
  const t0 = Date.now();
  const failures: string[] = [];
  const say = d.say ?? (() => undefined);
  const missing = ex.exercise.requires.filter((c) => !d.provider.capabilities.includes(c));
  if (missing.length > 0) return { name: ex.name, ok: false, failures: [`needs ${missing.join(', ')}, which the ${d.provider.name} provider does not have`], ms: 0 };

  // cheats and the solution on one learner's values; the solution again on another's
  const [first, second] = hasParams(ex) ? [instantiate(ex, 'proof-a'), instantiate(ex, 'proof-b')] : [ex, undefined];
  const seeds = second ? [first, second] : [first];
  const solutionSteps = seeds.flatMap((inst) => inst.solutions.map(() => inst));
  const clusters = new StepClusters(d.provider, [...first.cheats.map(() => first), ...solutionSteps]);
  try {
    for (const cheat of first.cheats) {
      say(`${ex.name}: cheat ${cheat.name}`);
      const cluster = await clusters.take();
      try {
        // the checker has seen the cluster as set up before the learner acts, as in a session
        // (a token copied from a Secret the cheat then deletes is still the attacker's)
        await evaluate(first, cluster);
        const err = await applyBundle(cheat, cluster);
        if (err) failures.push(`cheat ${cheat.name} could not be applied, so it proves nothing: ${err}`);
        await cluster.waitReady(60_000).catch(() => undefined);
        let last: ObjectiveStatus[] = [];
        for (let i = 0; i < 4; i++) {
          last = await evaluate(first, cluster);
          const met = last.filter((s) => s.state === 'met');
          if (met.length > 0) {
            failures.push(`cheat ${cheat.name} earns points: ${met.map((s) => `${s.id} (${s.detail})`).join(', ')}`);
            break;
          }
          await sleep(750);
        }
        // why it earns nothing, for the author to check it fails for the right reason
        for (const s of last) {
          say(`  ${s.id}: ${s.state}: ${s.detail}`);
          for (const l of attackLines(s.attack)) say(`    ${l}`);
        }
      } finally {
        clusters.done(cluster);
      }
    }
    for (const inst of seeds) {
      const values = second ? ` (seed ${inst.seed}: ${Object.entries(inst.params).map(([k, v]) => `${k}=${v}`).join(' ')})` : '';
      for (const [i, solution] of inst.solutions.entries()) {
        say(`${ex.name}: ${i === 0 ? 'setup and ' : ''}solution ${solution.name}${values}`);
        const found = await setupThenSolution(inst, solution, i === 0, await clusters.take(), clusters, say);
        failures.push(...found.map((f) => `${f}${values}`));
        if (found.length === 0) say(`  solution ${solution.name}: every objective met, guards holding`);
      }
    }
  } finally {
    await clusters.dispose();
  }
  return { name: ex.name, ok: failures.length === 0, failures, ms: Date.now() - t0, solutions: first.solutions.map((s) => s.name) };
}

/** After setup nothing is met (and everything can be checked; `checkSetup`, once per seed);
 * after the solution, all is. Failures after the solution name it. */
async function setupThenSolution(ex: LoadedExercise, solution: NamedBundle, checkSetup: boolean, cluster: Cluster, clusters: StepClusters, say: (line: string) => void): Promise<string[]> {
  const failures: string[] = [];
  try {
    const before = checkSetup ? await evaluate(ex, cluster) : [];
    for (const s of before) {
      if (s.state === 'met') failures.push(`${s.id} is already met after setup: ${s.detail}`);
      if (s.state === 'unknown') failures.push(`${s.id} cannot be checked after setup: ${s.detail}`);
    }
    const err = await applyBundle(solution, cluster);
    if (err) failures.push(`solution ${solution.name}: ${err}`);
    let after: ObjectiveStatus[] = [];
    const deadline = Date.now() + 60_000;
    do {
      after = await evaluate(ex, cluster);
      if (after.every((s) => s.state === 'met')) break;
      await sleep(500);
    } while (Date.now() < deadline);
    for (const s of after) if (s.state !== 'met') failures.push(`${s.id} is not met after solution ${solution.name}: ${s.detail}`);
    // each attack as it worked after setup, and as it fails after the solution
    for (const s of after) {
      const lines = attackLines(s.attack && { now: s.attack.now, before: before.find((b) => b.id === s.id)?.attack?.now });
      if (lines.length > 0) say(`  ${s.id}:`);
      for (const l of lines) say(`    ${l}`);
    }
  } finally {
    clusters.done(cluster);
  }
  return failures;
}

/**
 * The fresh, set-up clusters of one proof, one step ahead: while a step runs, the next
 * step's cluster is created and set up (one at a time), and a finished step's cluster is
 * disposed in the background. Every step still gets a cluster of its own.
 */
class StepClusters {
  private ahead: Promise<Cluster> | undefined;
  private readonly disposals: Promise<void>[] = [];
  private next = 0;

  /** `steps`: the exercise instance each step's cluster is set up with, in order. */
  constructor(
    private readonly provider: ClusterProvider,
    private readonly steps: readonly LoadedExercise[],
  ) {}

  take(): Promise<Cluster> {
    const step = this.steps[this.next++]!;
    const now = this.ahead ?? prepareCluster(step, this.provider);
    this.ahead = undefined;
    const following = this.steps[this.next];
    if (following) {
      // the next one starts once this one is ready (or failed): one creation at a time
      const after = now.then(
        () => prepareCluster(following, this.provider),
        () => prepareCluster(following, this.provider),
      );
      after.catch(() => undefined); // reported by the take() that receives it
      this.ahead = after;
    }
    return now;
  }

  done(cluster: Cluster): void {
    this.disposals.push(cluster.dispose().catch(() => undefined));
  }

  async dispose(): Promise<void> {
    const left = this.ahead;
    this.ahead = undefined;
    if (left) this.disposals.push(left.then((c) => c.dispose(), () => undefined).catch(() => undefined));
    await Promise.all(this.disposals);
  }
}
