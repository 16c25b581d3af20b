import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { writeExerciseTests } from '../exercises/exercise-test-results.ts';
import os from 'node:os';
import path from 'node:path';
import { PROBE_SPECS } from '../checks/probes/index.ts';
import { createProvider } from '../clusters/create-provider.ts';
import { loadConfig } from '../config/config.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../exercises/catalog-context.ts';
import { exerciseJsonSchema } from '../exercises/json-schema.ts';
import { formatProblems, loadExercise, loadExercises, type ExerciseResult, type LoadedExercise } from '../exercises/loader.ts';
import { proveExercise, type ProveResult } from '../exercises/prove.ts';

async function load(args: string[]): Promise<ExerciseResult[]> {
  const dirs = args.filter((a) => !a.startsWith('--'));
  if (dirs.length === 0 || args.includes('--all')) return loadExercises(EXERCISES_DIR, LOAD_CONTEXT);
  return Promise.all(dirs.map((d) => loadExercise(resolveExerciseDir(d), LOAD_CONTEXT)));
}

/** A folder, or the name of an exercise in exercises/. */
export function resolveExerciseDir(d: string): string {
  return existsSync(d) ? path.resolve(d) : path.join(EXERCISES_DIR, d);
}

/** `batten exercise validate [DIR…]`: loads and reports every problem. */
export async function exerciseValidate(args: string[]): Promise<number> {
  const results = await load(args);
  for (const r of results) {
    if (r.ok) process.stdout.write(`ok     ${r.name} (${r.exercise.objectives.length} objectives, ${r.cheats.length} cheats)\n`);
    else process.stdout.write(`BROKEN ${r.name}\n${formatProblems(r.errors).replace(/^/gm, '       ')}\n`);
  }
  const broken = results.filter((r) => !r.ok).length;
  process.stdout.write(`${results.length - broken} valid, ${broken} broken\n`);
  return broken === 0 ? 0 : 1;
}

/** `batten exercise schema`: writes exercises/schema.json for editors. */
export async function exerciseSchema(): Promise<number> {
  const file = path.join(EXERCISES_DIR, 'schema.json');
  writeFileSync(file, JSON.stringify(exerciseJsonSchema(PROBE_SPECS), null, 2) + '\n');
  process.stdout.write(`wrote ${file}\n`);
  return 0;
}

/** `batten exercise test [DIR…|--all]`: proves each exercise on fresh clusters, in parallel
 * within the machine's means, one line per exercise, then `N passed, M failed`. */
export async function exerciseTest(args: string[]): Promise<number> {
  const cfg = loadConfig();
  const provider = createProvider(cfg);
  const results = await load(args);
  const verbose = args.includes('--verbose');
  const queue = results.filter((r): r is LoadedExercise => r.ok);
  const done: ProveResult[] = results.filter((r) => !r.ok).map((r) => ({ name: r.name, ok: false, failures: [`invalid:\n${formatProblems(r.errors)}`], ms: 0 }));
  for (const r of done) process.stdout.write(`FAIL ${r.name}: ${r.failures.join('; ')}\n`);
  const parallel = Math.max(1, Math.min(queue.length, Math.floor(os.cpus().length / 2) || 1, 4));
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      for (let ex = queue.shift(); ex; ex = queue.shift()) {
        let r: ProveResult;
        try {
          r = await proveExercise(ex, { provider, say: verbose ? (l) => process.stderr.write(`  ${l}\n`) : undefined });
        } catch (e) {
          r = { name: ex.name, ok: false, failures: [(e as Error).message], ms: 0 };
        }
        done.push(r);
        process.stdout.write(r.ok ? `PASS ${r.name} (${(r.ms / 1000).toFixed(1)} s)\n` : `FAIL ${r.name}: ${r.failures.join('; ')}\n`);
      }
    }),
  );
  const failed = done.filter((r) => !r.ok).length;
  mkdirSync(cfg.BATTEN_DATA_DIR, { recursive: true });
  writeExerciseTests(cfg.BATTEN_DATA_DIR, done);
  process.stdout.write(`${done.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}
