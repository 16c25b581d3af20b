/**
 * Fuzzes the exercise loader with damaged copies of the real exercises: mutated and
 * truncated YAML, alias bombs, huge files, and files that are not files (FIFOs, devices,
 * directories, symlink loops). The loader must answer with problems: never throw, never hang.
 */
import { closeSync, constants, cpSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../server/exercises/catalog-context.ts';
import { loadExercises } from '../../server/exercises/loader.ts';
import { mutate, mutateText, Rng } from './fuzz.ts';

export interface ExerciseFuzzReport {
  files: number;
  loaded: number;
  broken: number;
  failures: string[];
  seconds: number;
}

/** A billion-laughs document: each level refers to the previous one ten times. */
const aliasBomb = (levels: number) =>
  ['a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...Array.from({ length: levels }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`), `objectives: *a${levels}`].join('\n');

/** Replaces `file` (inside an exercise folder) with something that is not a readable file. */
function notAFile(rng: Rng, file: string): string {
  rmSync(file, { recursive: true, force: true });
  mkdirSync(path.dirname(file), { recursive: true });
  const kind = rng.pick(['fifo', 'dir', 'loop', 'dangling', 'dev-zero', 'dev-urandom', 'parent']);
  if (kind === 'fifo') execFileSync('mkfifo', [file]);
  else if (kind === 'dir') mkdirSync(file);
  else if (kind === 'loop') symlinkSync(path.basename(file), file);
  else if (kind === 'dangling') symlinkSync('/nonexistent/batten', file);
  else if (kind === 'dev-zero') symlinkSync('/dev/zero', file);
  else if (kind === 'dev-urandom') symlinkSync('/dev/urandom', file);
  else symlinkSync('..', file);
  return kind;
}

/** Damages one file of an exercise copy; returns what it did, for the failure report. */
function damage(rng: Rng, dir: string): string {
  const files = listAll(dir);
  const file = rng.chance(0.6) ? path.join(dir, 'exercise.yaml') : rng.pick(files);
  const rel = path.relative(dir, file);
  const src = readFileSync(file, 'utf8');
  const r = rng.next();
  if (r < 0.08) return `${rel} → ${notAFile(rng, rng.chance(0.8) ? file : path.join(dir, rng.pick(['setup', 'solution', 'cheats']), `x${rng.int(3)}.yaml`))}`;
  let out: string | Buffer;
  let what: string;
  if (r < 0.4) {
    const docs = src.split(/^---\s*$/m); // manifests hold several documents
    const i = rng.int(docs.length);
    const value = mutate(rng, parseOr(docs[i]!));
    docs[i] = deepStringify(value);
    out = docs.join('---\n');
    what = `mutated values of document ${i + 1}`;
  } else if (r < 0.75) {
    out = src;
    for (let n = 1 + rng.int(4); n > 0; n--) out = mutateText(rng, out);
    what = 'damaged text';
  } else {
    const specials: Record<string, () => string | Buffer> = {
      bomb: () => src + '\n' + aliasBomb(4 + rng.int(6)),
      cycle: () => src.replace('objectives:', 'cycle: &c [*c]\nobjectives:'),
      huge: () => src + `\ndescription: "${'x'.repeat(1 << (18 + rng.int(5)))}"\n`,
      deep: () => src + `\nextra: ${'['.repeat(1000 + rng.int(20_000))}`,
      tags: () => src.replace(/: (\S)/, `: ${rng.pick(['!!binary ', '!!set ', '!!omap ', '!!js/function ', '!custom ', '!!timestamp ', '!!int ', '!!float '])}$1`),
      multi: () => `${src}\n---\n${src}`,
      dupkeys: () => src.replace(/^(\w+):/m, '$1: 1\n$1:'),
      binary: () => Buffer.from(Array.from({ length: 1 + rng.int(4096) }, () => rng.int(256))),
      empty: () => '',
    };
    what = rng.pick(Object.keys(specials));
    out = specials[what]!();
  }
  writeFileSync(file, out);
  return `${rel}: ${what}`;
}

/** A document's value; the text itself when it is not YAML (a briefing, a script). */
function parseOr(text: string): unknown {
  try {
    return parse(text) ?? {};
  } catch {
    return text;
  }
}

/** YAML, or JSON (also YAML) when the value is nested too deep for the yaml library's writer. */
function deepStringify(value: unknown): string {
  try {
    return stringify(value);
  } catch {
    return JSON.stringify(value);
  }
}

function listAll(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}


/** A loader blocked opening a FIFO goes on once a writer opens and closes it. */
function unblockFifos(dir: string): void {
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!e.isFIFO()) continue;
    try {
      closeSync(openSync(path.join(e.parentPath, e.name), constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waiting
    }
  }
}

export async function fuzzExercises(o: { seed: number; files: number; tmp: string; timeoutMs?: number }): Promise<ExerciseFuzzReport> {
  const t0 = Date.now();
  const rng = new Rng(o.seed);
  const bases = readdirSync(EXERCISES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
  const report: ExerciseFuzzReport = { files: 0, loaded: 0, broken: 0, failures: [], seconds: 0 };
  for (let i = 0; i < o.files; i++) {
    const r = rng.fork(i);
    const root = path.join(o.tmp, `case-${i}`);
    const base = r.pick(bases);
    cpSync(path.join(EXERCISES_DIR, base), path.join(root, base), { recursive: true });
    const what = damage(r, path.join(root, base));
    report.files++;
    const repro = `exercise case ${i} (FUZZ_SEED=${o.seed}): ${base}/${what}`;
    let timer: NodeJS.Timeout | undefined;
    const hung = new Promise<'hung'>((resolve) => (timer = setTimeout(() => resolve('hung'), o.timeoutMs ?? 10_000)));
    const loading = loadExercises(root, LOAD_CONTEXT);
    try {
      const results = await Promise.race([loading, hung]);
      if (results === 'hung') {
        report.failures.push(`${repro}: the loader did not answer in ${o.timeoutMs ?? 10_000} ms`);
        unblockFifos(root);
        await loading.catch(() => undefined);
      } else {
        for (const x of results) {
          if (x.ok) report.loaded++;
          else if (x.errors.length > 0 && x.errors.every((e) => typeof e.file === 'string' && typeof e.message === 'string' && e.message !== '')) report.broken++;
          else report.failures.push(`${repro}: broken without a problem to show: ${JSON.stringify(x.errors).slice(0, 300)}`);
        }
      }
    } catch (e) {
      report.failures.push(`${repro}: the loader threw ${(e as Error).stack?.slice(0, 500)}`);
    } finally {
      clearTimeout(timer);
      rmSync(root, { recursive: true, force: true });
    }
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}
