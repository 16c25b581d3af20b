import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeExerciseTests } from '../exercises/exercise-test-results.ts';
import path from 'node:path';
import { PROBE_SPECS } from '../checks/probes/index.ts';
import { createProvider } from '../clusters/create-provider.ts';
import { loadConfig, type Config } from '../config/config.ts';
import { ClusterError } from '../clusters/errors.ts';
import type { ClusterProvider } from '../clusters/provider.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../exercises/catalog-context.ts';
import { belowMinimum, coverageMarkdown, libraryCoverage } from '../exercises/coverage.ts';
import { exerciseJsonSchema } from '../exercises/json-schema.ts';
import { formatProblems, loadExercise, loadExercises, type ExerciseResult, type LoadedExercise } from '../exercises/loader.ts';
import { proveExercise, type ProveResult } from '../exercises/prove.ts';
import { loadTracks, TRACKS_DIR } from '../exercises/tracks.ts';

async function load(args: string[]): Promise<ExerciseResult[]> {
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0 || args.includes('--all')) return loadExercises(EXERCISES_DIR, LOAD_CONTEXT);
  return Promise.all(dirs.map((d) => loadExercise(resolveExerciseDir(d), LOAD_CONTEXT)));
}

/** A folder, or the name of an exercise in exercises/. */
export function resolveExerciseDir(d: string): string {
  return existsSync(d) ? path.resolve(d) : path.join(EXERCISES_DIR, d);
}

/** `batten exercise validate [DIR…|--all]`: loads and reports every problem; the whole
 * library (no folder named, or --all) includes the tracks. */
export async function exerciseValidate(args: string[]): Promise<number> {
  const results = await load(args);
  const all = args.includes('--all') || !args.some((a) => !a.startsWith('--'));
  const tracks = all ? await loadTracks(TRACKS_DIR, new Set(results.map((r) => r.name))) : [];
  for (const r of results) {
    if (r.ok) process.stdout.write(`ok     ${r.name} (${r.exercise.objectives.length} objectives, ${r.solutions.length} solution${r.solutions.length === 1 ? '' : 's'}, ${r.cheats.length} cheats)\n`);
    else process.stdout.write(`BROKEN ${r.name}\n${formatProblems(r.errors).replace(/^/gm, '       ')}\n`);
  }
  for (const t of tracks) {
    if (t.ok) process.stdout.write(`ok     track ${t.track.name} (${t.track.exercises.length} exercises)\n`);
    else process.stdout.write(`BROKEN track ${t.name}\n${formatProblems(t.errors).replace(/^/gm, '       ')}\n`);
  }
  const broken = results.filter((r) => !r.ok).length + tracks.filter((t) => !t.ok).length;
  const total = results.length + tracks.length;
  process.stdout.write(`${total - broken} valid, ${broken} broken${all ? ` (${results.length} exercises, ${tracks.length} tracks)` : ''}\n`);
  return broken === 0 ? 0 : 1;
}

/** `batten exercise coverage`: exercises per OWASP category and CKS domain, from their tags,
 * as Markdown; fails when one is below its minimum. */
export async function exerciseCoverage(): Promise<number> {
  const c = libraryCoverage(await loadExercises(EXERCISES_DIR, LOAD_CONTEXT));
  process.stdout.write(coverageMarkdown(c));
  const gaps = belowMinimum(c);
  if (gaps.length > 0) process.stdout.write(`\n${gaps.length} below the minimum: ${gaps.map((g) => g.tag).join(', ')}\n`);
  return gaps.length === 0 ? 0 : 1;
}

/** `batten exercise schema`: writes exercises/schema.json for editors. */
export async function exerciseSchema(): Promise<number> {
  const file = path.join(EXERCISES_DIR, 'schema.json');
  writeFileSync(file, JSON.stringify(exerciseJsonSchema(PROBE_SPECS), null, 2) + '\n');
  process.stdout.write(`wrote ${file}\n`);
  return 0;
}

/** The providers `--provider NAME` or `--providers A,B` name (default: CLUSTER_PROVIDER). */
export function providerNames(args: string[], configured: Config['CLUSTER_PROVIDER']): Config['CLUSTER_PROVIDER'][] {
  const at = args.findIndex((a) => a === '--provider' || a === '--providers');
  if (at < 0) return [configured];
  const names = (args[at + 1] ?? '').split(',').filter(Boolean);
  const bad = names.filter((n) => n !== 'embedded' && n !== 'kind');
  if (names.length === 0 || bad.length > 0) throw new ClusterError(`unknown provider ${bad.join(', ') || '(none given)'}`, 'name embedded or kind, e.g. --providers embedded,kind');
  return names as Config['CLUSTER_PROVIDER'][];
}

/** `batten exercise test [DIR…|--all] [--providers A,B]`: proves each exercise on fresh
 * clusters of the first listed provider that has every capability it requires, in
 * parallel within the machine's means, one line per exercise, then `N passed, M failed`
 * (and how many no listed provider could run). */
export async function exerciseTest(args: string[]): Promise<number> {
  const cfg = loadConfig();
  const names = providerNames(args, cfg.CLUSTER_PROVIDER);
  const providers = names.map((n) => createProvider(cfg, n));
  const optionValue = new Set(args.flatMap((a, i) => (a === '--provider' || a === '--providers' ? [args[i + 1]] : [])));
  const results = await load(args.filter((a) => !optionValue.has(a)));
  const verbose = args.includes('--verbose');
  const done: ProveResult[] = results.filter((r) => !r.ok).map((r) => ({ name: r.name, ok: false, failures: [`invalid:\n${formatProblems(r.errors)}`], ms: 0 }));
  for (const r of done) process.stdout.write(`FAIL ${r.name}: ${r.failures.join('; ')}\n`);
  const queue: { ex: LoadedExercise; provider: ClusterProvider }[] = [];
  const skipped: string[] = [];
  for (const ex of results.filter((r): r is LoadedExercise => r.ok)) {
    const provider = providers.find((p) => ex.exercise.requires.every((c) => p.capabilities.includes(c)));
    if (provider) queue.push({ ex, provider });
    else {
      skipped.push(ex.name);
      process.stdout.write(`SKIP ${ex.name}: needs ${ex.exercise.requires.join(', ')}, which the ${names.join(' and ')} provider${names.length > 1 ? 's do' : ' does'} not have (prove it with --providers kind)\n`);
    }
  }
  // one provider at a time; within it, two proofs at once: a cluster spends most of a proof
  // waiting (its start, the API server's restarts, kubeadm and the kubelet on kind), so two
  // overlap that waiting even on two cores.
  for (const provider of providers) {
    const mine = queue.filter((q) => q.provider === provider);
    const parallel = Math.max(1, Math.min(mine.length, 2, 4));
    await Promise.all(
      Array.from({ length: parallel }, async () => {
        for (let item = mine.shift(); item; item = mine.shift()) {
          const { ex } = item;
          let r: ProveResult;
          try {
            r = await proveExercise(ex, { provider, say: verbose ? (l) => process.stderr.write(`  ${l}\n`) : undefined });
          } catch (e) {
            r = { name: ex.name, ok: false, failures: [(e as Error).message], ms: 0 };
          }
          done.push(r);
          const on = providers.length > 1 ? ` on ${provider.name}` : '';
          const solved = r.solutions && r.solutions.length > 1 ? `; solutions: ${r.solutions.join(', ')}` : '';
          process.stdout.write(r.ok ? `PASS ${r.name}${on} (${(r.ms / 1000).toFixed(1)} s${solved})\n` : `FAIL ${r.name}${on}: ${r.failures.join('; ')}\n`);
        }
      }),
    );
  }
  const failed = done.filter((r) => !r.ok).length;
  mkdirSync(cfg.BATTEN_DATA_DIR, { recursive: true });
  writeExerciseTests(cfg.BATTEN_DATA_DIR, done);
  process.stdout.write(`${done.length - failed} passed, ${failed} failed${skipped.length ? `, ${skipped.length} not run here (${skipped.join(', ')})` : ''}\n`);
  return failed === 0 ? 0 : 1;
}
