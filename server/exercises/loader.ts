import { constants } from 'node:fs';
import { open, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { folderProblems } from './folder-check.ts';
import { isAlias, isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Document } from 'yaml';
import type { KubeObject } from '../kube/kube-client.ts';
import { buildInstance, PREVIEW_SEED, type ExerciseTemplate } from './instance.ts';
import type { ParamValues } from './params.ts';
import { suggest, type Exercise, type ProbeSpecs } from './schema.ts';
import { contentProblems } from './content-check.ts';

export interface LoadContext {
  probeSpecs: ProbeSpecs;
  /** Every capability some cluster provider offers. */
  providerCapabilities: ReadonlySet<string>;
}

/** One thing wrong with an exercise, for the author: where, and what to do. */
export interface ExerciseProblem {
  /** Relative to the exercises root: `default-sa/exercise.yaml`. */
  file: string;
  /** Inside the file: `objectives[1].hints[0].cost`. */
  path?: string;
  line?: number;
  /** What is wrong and what is expected. */
  message: string;
}

export type { KubeObject };

export interface Manifest {
  /** Relative to the exercises root: `default-sa/setup/app.yaml`. */
  file: string;
  /** Position of the document in its file, from 0. */
  index: number;
  object: KubeObject;
}

/** Manifests to apply, then an optional script (absolute path) to run with `env` (the
 * exercise's parameters). */
export interface Bundle {
  manifests: Manifest[];
  script?: string;
  env?: Readonly<Record<string, string>>;
}

/** A solution or a cheat, named by its place: `solution/`, `solutions/own-account.sh`. */
export type NamedBundle = Bundle & { name: string };

export interface LoadedExercise {
  ok: true;
  name: string;
  dir: string;
  exercise: Exercise;
  briefing: string;
  setup: Manifest[];
  /** setup/*.sh (absolute paths), run in this order after the setup manifests. */
  setupScripts: string[];
  /** The parameters as the scripts' environment (`$name`). */
  scriptEnv: Readonly<Record<string, string>>;
  /** The reference solution: the first of `solutions` (`solution/` when there is one). */
  solution: Bundle;
  /** Every correct solution: `solution/`, then each entry of `solutions/`. Each is proven. */
  solutions: NamedBundle[];
  cheats: NamedBundle[];
  /** The seed the parameters were drawn from: PREVIEW_SEED as loaded, a learner's own after
   * `instantiate`. */
  seed: string;
  params: ParamValues;
  /** The files as written, with placeholders. */
  template: ExerciseTemplate;
}

export interface BrokenExercise {
  ok: false;
  name: string;
  dir: string;
  errors: ExerciseProblem[];
}

export type ExerciseResult = LoadedExercise | BrokenExercise;

/** Bad exercise content. `problems` holds every problem found, not just the first. */
export class ExerciseError extends Error {
  override readonly name = 'ExerciseError';
  constructor(readonly problems: ExerciseProblem[]) {
    super(formatProblems(problems));
  }
}

/** One line per problem: `default-sa/exercise.yaml:14 objectives[1].hints[0].cost: message`,
 * or `default-sa/briefing.md: message` when there is no path. */
export function formatProblems(problems: readonly ExerciseProblem[]): string {
  return problems.map((p) => `${p.file}${p.line === undefined ? '' : `:${p.line}`}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('\n');
}

/** The loaded exercise, or an ExerciseError listing its problems. */
export function assertLoaded(result: ExerciseResult): LoadedExercise {
  if (result.ok) return result;
  throw new ExerciseError(result.errors);
}

/** Loads every exercise folder under rootDir, sorted by name; broken ones are listed with their problems. */
export async function loadExercises(rootDir: string, ctx: LoadContext): Promise<ExerciseResult[]> {
  let names: string[];
  try {
    const entries = await readdir(rootDir, { withFileTypes: true });
    names = entries.filter((e) => e.isDirectory() && !e.name.startsWith('.')).map((e) => e.name);
  } catch (e) {
    throw new ExerciseError([{ file: rootDir, message: `cannot read the exercises folder (${errorText(e)}); check the path` }]);
  }
  names.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return Promise.all(names.map((n) => loadExercise(path.join(rootDir, n), ctx)));
}

/** Loads one exercise folder and reports every problem in it at once. */
export async function loadExercise(dir: string, ctx: LoadContext): Promise<ExerciseResult> {
  const abs = path.resolve(dir);
  const name = path.basename(abs);
  const problems: ExerciseProblem[] = [];
  const rel = (...parts: string[]) => [name, ...parts].join('/');
  try {
    const unsafe = await folderProblems(abs).catch((e: NodeJS.ErrnoException) => [{ file: name, message: `cannot read the exercise folder (${e.code ?? 'error'})` }]);
    if (unsafe.length > 0) return { ok: false, name, dir: abs, errors: unsafe };
    problems.push(...unknownEntries(name, await readdir(abs)));
    const yaml = await readExerciseYaml(abs, name, problems);
    const briefing = (await readIfExists(path.join(abs, 'briefing.md'), rel('briefing.md'))) ?? '';
    if (briefing.trim() === '') {
      problems.push({ file: rel('briefing.md'), message: `briefing.md is ${(await kindOf(path.join(abs, 'briefing.md'))) ? 'empty' : 'missing'}; write the story the learner reads (the situation, not the answers)` });
    }
    const setup = await readFolder(abs, name, 'setup', 'setup', problems);
    if (setup === undefined) problems.push({ file: rel('setup/'), message: 'setup/ is missing; add the manifests (or setup scripts) that create the weakness (a .gitkeep if none are needed)' });
    const solutions = await readSolutions(abs, name, problems);
    const cheats = await readEntries(abs, name, 'cheats', problems);
    if (yaml) {
      const template: ExerciseTemplate = { raw: yaml.raw, rules: { ...ctx, folderName: name }, briefing, setup: setup?.manifests ?? [], setupScripts: setup?.scripts ?? [], solutions, cheats };
      const r = buildInstance(name, abs, template, PREVIEW_SEED);
      // what the schema cannot see: CEL that does not compile, a canI resource no API serves
      const found = r.ok ? contentProblems(r.exercise) : r.problems;
      for (const { docPath, ...p } of found) problems.push(docPath ? { ...p, line: lineOf(yaml.doc, yaml.lineCounter, docPath) } : p);
      if (r.ok && problems.length === 0) return r.exercise;
    }
  } catch (e) {
    if (e instanceof ExerciseError) problems.push(...e.problems);
    else problems.push({ file: rel(), message: `cannot read the exercise (${errorText(e)}); check the files' permissions` });
  }
  return { ok: false, name, dir: abs, errors: sortProblems(problems) };
}

/** exercise.yaml as parsed (validated with each instance, see instance.ts). */
async function readExerciseYaml(abs: string, name: string, problems: ExerciseProblem[]): Promise<{ raw: Record<string, unknown>; doc: Document; lineCounter: LineCounter } | undefined> {
  const file = `${name}/exercise.yaml`;
  const src = await readIfExists(path.join(abs, 'exercise.yaml'), file);
  if (src === undefined) {
    problems.push({ file, message: 'exercise.yaml is missing; add one with apiVersion: batten.dev/v1, kind: Exercise, metadata and objectives' });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, { lineCounter, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: `YAML syntax error: ${e.message}` });
    return undefined;
  }
  const value = toJS(doc, file, problems);
  if (value === TOO_MANY_ALIASES) return undefined;
  if (!isRecord(value)) {
    problems.push({ file, line: 1, message: 'exercise.yaml is not a mapping; write apiVersion: batten.dev/v1, kind: Exercise, metadata and objectives as keys' });
    return undefined;
  }
  return { raw: value, doc, lineCounter };
}

const MANIFEST = /\.(ya?ml|json)$/;

/** Which scripts a folder runs: setup/ every top-level .sh in name order, solution/ its
 * solution.sh, a folder in solutions/ or cheats/ its one top-level .sh. */
type FolderRule = 'setup' | 'solution' | 'one';

/** Manifests (every .yaml/.yml/.json below the folder) and the scripts the folder runs;
 * undefined when the folder is missing. Every other file is reported: a file the engine
 * would not read is a fix or a cheat that silently never runs. */
async function readFolder(abs: string, name: string, sub: string, rule: FolderRule, problems: ExerciseProblem[]): Promise<{ manifests: Manifest[]; scripts: string[] } | undefined> {
  const dir = path.join(abs, sub);
  if ((await kindOf(dir)) !== 'dir') return undefined;
  const manifests: Manifest[] = [];
  const scripts: string[] = [];
  for (const f of await listFiles(dir)) {
    const file = `${name}/${sub}/${f}`;
    if (MANIFEST.test(f)) manifests.push(...parseManifests(await readText(path.join(dir, f), file), file, problems));
    else if (!f.endsWith('.sh')) problems.push({ file, message: `is ignored: ${sub}/ holds manifests (.yaml, .yml, .json) and .sh scripts only; rename it or move it out of the exercise` });
    else if (f.includes('/')) problems.push({ file, message: `is not run: only scripts at the top of ${sub}/ are; move it up a folder` });
    else if (rule === 'solution' && f !== 'solution.sh') problems.push({ file, message: `is not run: only ${sub}/solution.sh is; rename it to solution.sh, or make it an alternative solution: solutions/${f}` });
    else scripts.push(path.join(dir, f));
  }
  if (rule !== 'setup' && scripts.length > 1) problems.push({ file: `${name}/${sub}/`, message: `has ${scripts.length} scripts (${scripts.map((s) => path.basename(s)).join(', ')}); keep one` });
  return { manifests, scripts };
}

/** A folder read as one solution or cheat. */
async function readBundle(abs: string, name: string, sub: string, rule: FolderRule, problems: ExerciseProblem[]): Promise<Bundle | undefined> {
  const f = await readFolder(abs, name, sub, rule, problems);
  if (!f) return undefined;
  return f.scripts[0] === undefined ? { manifests: f.manifests } : { manifests: f.manifests, script: f.scripts[0] };
}

/** `solution/` (named so) and each entry of `solutions/`: at least one of them. */
async function readSolutions(abs: string, name: string, problems: ExerciseProblem[]): Promise<NamedBundle[]> {
  const solutions: NamedBundle[] = [];
  const reference = await readBundle(abs, name, 'solution', 'solution', problems);
  if (reference && (reference.manifests.length > 0 || reference.script)) solutions.push({ name: 'solution/', ...reference });
  else if (reference) problems.push({ file: `${name}/solution/`, message: 'solution/ has neither manifests nor solution.sh; add the reference fix as manifests (.yaml) or a solution.sh script' });
  const more = (await kindOf(path.join(abs, 'solutions'))) === 'dir';
  solutions.push(...(await readEntries(abs, name, 'solutions', problems)).map((s) => ({ ...s, name: `solutions/${s.name}` })));
  if (!reference && !more) problems.push({ file: `${name}/solution/`, message: 'solution/ is missing; add the reference fix as manifests (.yaml) or a solution.sh script (alternative fixes go in solutions/)' });
  else if (!reference && solutions.length === 0) problems.push({ file: `${name}/solutions/`, message: 'solutions/ holds no solution; add one per correct fix: a .sh script, a manifest file, or a folder of them' });
  return solutions;
}

/** Each entry of cheats/ or solutions/ is one: a manifest file, a script, or a folder of them. */
async function readEntries(abs: string, name: string, sub: 'cheats' | 'solutions', problems: ExerciseProblem[]): Promise<NamedBundle[]> {
  const dir = path.join(abs, sub);
  if ((await kindOf(dir)) !== 'dir') return [];
  const what = sub === 'cheats' ? 'cheat' : 'solution';
  const out: NamedBundle[] = [];
  for (const entry of (await readdir(dir)).filter((e) => !e.startsWith('.')).sort()) {
    const file = `${name}/${sub}/${entry}`;
    const kind = await kindOf(path.join(dir, entry));
    if (kind === 'dir') {
      const bundle = await readBundle(dir, `${name}/${sub}`, entry, 'one', problems);
      if (bundle && (bundle.manifests.length > 0 || bundle.script)) out.push({ name: entry, ...bundle });
      else problems.push({ file: `${file}/`, message: `this ${what} folder holds no manifests and no .sh script; add them or remove the folder` });
    } else if (MANIFEST.test(entry)) {
      out.push({ name: entry, manifests: parseManifests(await readText(path.join(dir, entry), file), file, problems) });
    } else if (entry.endsWith('.sh')) {
      out.push({ name: entry, manifests: [], script: path.join(dir, entry) });
    } else {
      problems.push({ file, message: `is ignored: a ${what} is a manifest file (.yaml, .yml, .json), a .sh script or a folder of them; rename or remove this entry` });
    }
  }
  return out;
}

const ENTRIES = ['exercise.yaml', 'briefing.md', 'setup', 'solution', 'solutions', 'cheats'];

/** Top-level entries the format does not know (a `solution.sh` beside `solution/`, a
 * `cheat/` folder): never read, so reported. */
export function unknownEntries(name: string, entries: readonly string[]): ExerciseProblem[] {
  return entries
    .filter((e) => !e.startsWith('.') && !ENTRIES.includes(e))
    .sort()
    .map((e) => ({ file: `${name}/${e}`, message: `is ignored: an exercise folder holds ${ENTRIES.join(', ')} only${suggest(e.replace(/\.[a-z]+$/, ''), ENTRIES)}; move or remove it` }));
}

/** Every document of a multi-document YAML file; each must be a Kubernetes object. */
function parseManifests(src: string, file: string, problems: ExerciseProblem[]): Manifest[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(src, { lineCounter, prettyErrors: false, logLevel: 'error' });
  const manifests: Manifest[] = [];
  docs.forEach((doc, index) => {
    const where = `document ${index + 1}`;
    for (const e of doc.errors) problems.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: `${where}: YAML syntax error: ${e.message}` });
    if (doc.errors.length > 0) return;
    const value = toJS(doc, file, problems, `${where}: `);
    if (value === null || value === undefined || value === TOO_MANY_ALIASES) return; // an empty document (a stray ---) is allowed
    const expected = 'every manifest needs apiVersion, kind and metadata.name';
    if (!isRecord(value)) {
      problems.push({ file, line: lineOf(doc, lineCounter, []), message: `${where} is not a mapping; ${expected}` });
      return;
    }
    const meta = isRecord(value.metadata) ? value.metadata : {};
    const missing = (
      [
        [['apiVersion'], value.apiVersion],
        [['kind'], value.kind],
        [['metadata', 'name'], meta.name],
      ] as const
    ).filter(([, v]) => typeof v !== 'string' || v === '');
    const [first] = missing;
    if (first) {
      const names = missing.map(([p]) => p.join('.')).join(', ');
      problems.push({ file, path: first[0].join('.'), line: lineOf(doc, lineCounter, first[0]), message: `${where} lacks ${names} (or it is not a string); ${expected}` });
      return;
    }
    manifests.push({ file, index, object: value as KubeObject });
  });
  return manifests;
}

/** The line of the node at `path`, or of its nearest ancestor that exists. Map entries point at their key. */
function lineOf(doc: Document, lineCounter: LineCounter, docPath: readonly (string | number)[]): number | undefined {
  let node: unknown = doc.contents;
  let offset = isNode(node) ? node.range?.[0] : undefined;
  for (const seg of docPath) {
    if (isAlias(node)) node = node.resolve(doc);
    let next: unknown;
    let at: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => String(isScalar(p.key) ? p.key.value : p.key) === String(seg));
      [next, at] = [pair?.value, pair?.key];
      if (!pair) break;
    } else if (isSeq(node) && typeof seg === 'number') {
      [next, at] = [node.items[seg], node.items[seg]];
      if (at === undefined) break;
    } else break;
    offset = (isNode(at) ? at.range?.[0] : undefined) ?? offset;
    node = next;
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line;
}

const GROUPS: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['Namespace', 'CustomResourceDefinition']),
  new Set(['ClusterRole', 'PriorityClass', 'StorageClass', 'RuntimeClass', 'IngressClass', 'PersistentVolume']),
  new Set(['ServiceAccount', 'Role', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'PersistentVolumeClaim', 'Service']),
  new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController']),
];

/** The order to apply manifests in: namespaces and CRDs, cluster-scoped RBAC and classes,
 * namespaced RBAC/config/services, workloads, then everything else (custom resources,
 * admission policies and webhooks last, so they cannot block the setup itself).
 * File order is kept within a group. */
export function orderManifests<T extends { object: { kind: string } }>(manifests: readonly T[]): T[] {
  const rank = (kind: string) => {
    const i = GROUPS.findIndex((g) => g.has(kind));
    return i === -1 ? GROUPS.length : i;
  };
  return manifests
    .map((m, i) => ({ m, i, r: rank(m.object.kind) }))
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.m);
}

/** Problems grouped by file (exercise.yaml first, then in the order files were read), then by line. */
function sortProblems(problems: ExerciseProblem[]): ExerciseProblem[] {
  const fileOrder = new Map<string, number>();
  for (const p of problems) if (p.file.endsWith('/exercise.yaml')) fileOrder.set(p.file, -1);
  for (const p of problems) if (!fileOrder.has(p.file)) fileOrder.set(p.file, fileOrder.size);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (fileOrder.get(a.p.file) ?? 0) - (fileOrder.get(b.p.file) ?? 0) || (a.p.line ?? 0) - (b.p.line ?? 0) || a.i - b.i)
    .map((x) => x.p);
}

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of (await readdir(path.join(dir, prefix), { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await listFiles(dir, rel)));
    else out.push(rel);
  }
  return out;
}

const TOO_MANY_ALIASES = Symbol('too many aliases');

/** A document's value; an alias bomb ("billion laughs") is a problem, not an exception. */
function toJS(doc: Document, file: string, problems: ExerciseProblem[], where = ''): unknown {
  try {
    return doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push({ file, message: `${where}cannot expand the YAML (${errorText(e)}); write the values out instead of repeating aliases (*name)` });
    return TOO_MANY_ALIASES;
  }
}

/** Exercise files are small: a larger one is a mistake, or a device. */
const MAX_FILE_BYTES = 1 << 20;

/** A regular file's text. It is opened without blocking and checked before it is read: a
 * FIFO would block the loader (and the process's exit) forever, and a device such as a
 * symlink to /dev/zero never ends. */
async function readText(abs: string, file: string): Promise<string> {
  const fh = await open(abs, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const s = await fh.stat();
    if (!s.isFile()) throw new ExerciseError([{ file, message: `is not a regular file (${s.isDirectory() ? 'a folder' : s.isFIFO() ? 'a FIFO' : 'a device or socket'}); exercise files are plain files` }]);
    if (s.size > MAX_FILE_BYTES) throw new ExerciseError([{ file, message: `is ${(s.size / 2 ** 20).toFixed(1)} MiB; exercise files are at most 1 MiB` }]);
    return await fh.readFile('utf8');
  } finally {
    await fh.close();
  }
}

async function readIfExists(abs: string, file: string): Promise<string | undefined> {
  try {
    return await readText(abs, file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

async function kindOf(p: string): Promise<'file' | 'dir' | undefined> {
  try {
    const s = await stat(p);
    return s.isDirectory() ? 'dir' : 'file';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
