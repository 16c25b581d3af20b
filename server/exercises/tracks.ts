import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { isNode, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import type { CatalogEntry, TrackView } from '../protocol/rest.ts';
import { REPO_ROOT } from '../setup/controlplane-build.ts';
import { formatProblems, type ExerciseProblem } from './loader.ts';
import { formatPath, issueMessage } from './schema.ts';

/** A track: an ordered list of exercises with a title and a description (markdown), from
 * `tracks/<name>.yaml`. */
export interface Track {
  name: string;
  title: string;
  description: string;
  exercises: string[];
}

export type TrackResult = { ok: true; track: Track } | { ok: false; name: string; errors: ExerciseProblem[] };

export const TRACKS_DIR = path.join(REPO_ROOT, 'tracks');

const TRACK_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_FILE_BYTES = 64 * 1024;

/** The error of a field that is missing or not a string, with what to write. */
const textField = (field: string, example: string, max: number) =>
  z
    .string({ error: (iss) => (iss.input === undefined ? `missing; add ${field}: ${example}` : undefined) })
    .trim()
    .min(1, { error: `is empty; write ${example}` })
    .max(max, { error: `must be at most ${max} characters long; shorten it` });

const trackSchema = z.strictObject({
  title: textField('title', 'the name shown in the catalog, such as "CKS preparation"', 80),
  description: textField('description', 'a paragraph (markdown) saying who the track is for and what it covers', 4000),
  exercises: z
    .array(z.string({ error: (iss) => `expected an exercise's folder name, got ${JSON.stringify(iss.input) ?? String(iss.input)}` }), {
      error: (iss) => (iss.input === undefined ? 'missing; add exercises: with a list of exercise folder names from exercises/, in the order to take them' : undefined),
    })
    .min(1, { error: 'must not be empty; list the exercise folder names from exercises/, in the order to take them' }),
});

/** Validates one track file's text: its shape, its name, and that every exercise exists
 * (a folder under exercises/, broken or not) and is listed once. Every problem at once. Pure. */
export function parseTrack(name: string, src: string, exerciseNames: ReadonlySet<string>): TrackResult {
  const file = `tracks/${name}.yaml`;
  const problems: ExerciseProblem[] = [];
  if (!TRACK_NAME.test(name)) {
    const fixed = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
    problems.push({ file, message: `the file name is the track's name in links; use lowercase letters, digits and '-'${fixed ? ` (rename it to ${fixed}.yaml)` : ''}` });
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(src, { lineCounter, prettyErrors: false, logLevel: 'error' });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) problems.push({ file, line: lineCounter.linePos(e.pos[0]).line, message: `YAML syntax error: ${e.message}` });
    return { ok: false, name, errors: problems };
  }
  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    problems.push({ file, message: `cannot expand the YAML (${e instanceof Error ? e.message : String(e)}); write the values out instead of repeating aliases (*name)` });
    return { ok: false, name, errors: problems };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    problems.push({ file, line: 1, message: 'the track file is not a mapping; write title, description and exercises as keys' });
    return { ok: false, name, errors: problems };
  }
  const lineOf = (at: (string | number)[]): number | undefined => {
    for (let n = at.length; n > 0; n--) {
      const node = doc.getIn(at.slice(0, n), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  const add = (at: (string | number)[], message: string) => problems.push({ file, path: formatPath(at), line: lineOf(at), message });

  const parsed = trackSchema.safeParse(raw, { error: issueMessage });
  if (!parsed.success) {
    for (const iss of parsed.error.issues) {
      const at = iss.path.map((p) => (typeof p === 'number' ? p : String(p)));
      if (iss.code === 'unrecognized_keys' && iss.keys.length === 1 && iss.keys[0] !== undefined) at.push(iss.keys[0]);
      add(at, iss.message);
    }
  }
  const listed = (raw as Record<string, unknown>).exercises;
  if (Array.isArray(listed)) {
    const seen = new Map<string, number>();
    listed.forEach((n: unknown, i) => {
      if (typeof n !== 'string') return;
      const first = seen.get(n);
      if (first !== undefined) add(['exercises', i], `${JSON.stringify(n)} is listed twice (also exercises[${first}]); list each exercise once`);
      else seen.set(n, i);
      if (!exerciseNames.has(n)) add(['exercises', i], `no exercise named ${JSON.stringify(n)}${closest(n, exerciseNames)}; use the name of a folder under exercises/`);
    });
  }
  if (parsed.success && problems.length === 0) return { ok: true, track: { name, ...parsed.data } };
  return { ok: false, name, errors: problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}

/** ` (did you mean "x"?)` when a known name is a small typo away. */
function closest(name: string, known: ReadonlySet<string>): string {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 4)) + 1;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length]!;
}

/** The tracks as the catalog shows them to one user: each exercise with its catalog facts and
 * whether the user solved it, and how many are solved. Problems of a broken track only for
 * the staff. Pure. */
export function trackViews(results: readonly TrackResult[], catalog: readonly CatalogEntry[], solved: ReadonlySet<string>, showProblems: boolean): TrackView[] {
  const entries = new Map(catalog.map((e) => [e.name, e]));
  return results.map((r): TrackView => {
    if (!r.ok) return { name: r.name, title: r.name, description: '', exercises: [], solved: 0, broken: true, ...(showProblems ? { problems: formatProblems(r.errors) } : {}) };
    const exercises = r.track.exercises.map((name) => {
      const e = entries.get(name);
      const done = solved.has(name);
      if (!e) return { name, title: name, tags: [], available: false, unavailableReason: 'this exercise is not in the catalog', broken: true, solved: done };
      const { title, difficulty, minutes, tags, available, unavailableReason, broken } = e;
      return { name, title, difficulty, minutes, tags, available, unavailableReason, broken, solved: done };
    });
    return { name: r.track.name, title: r.track.title, description: r.track.description, exercises, solved: exercises.filter((e) => e.solved).length, broken: false };
  });
}

/** Loads every `*.yaml` track under dir, sorted by name; a missing folder is no tracks. A
 * broken track is listed with its problems (as broken exercises are) and stops nothing. */
export async function loadTracks(dir: string, exerciseNames: ReadonlySet<string>): Promise<TrackResult[]> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('.')).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    return [{ ok: false, name: 'tracks', errors: [{ file: 'tracks/', message: `cannot read the tracks folder (${(e as NodeJS.ErrnoException).code ?? String(e)}); check its permissions` }] }];
  }
  return Promise.all(
    files.map(async (f): Promise<TrackResult> => {
      const name = f.replace(/\.ya?ml$/, '');
      const file = `tracks/${f}`;
      if (f.endsWith('.yml')) return { ok: false, name, errors: [{ file, message: `track files end in .yaml; rename it to ${name}.yaml` }] };
      try {
        const s = await stat(path.join(dir, f));
        if (!s.isFile()) return { ok: false, name, errors: [{ file, message: 'is not a regular file; a track is a plain .yaml file' }] };
        if (s.size > MAX_FILE_BYTES) return { ok: false, name, errors: [{ file, message: `is ${Math.round(s.size / 1024)} KiB; a track file is at most 64 KiB` }] };
        return parseTrack(name, await readFile(path.join(dir, f), 'utf8'), exerciseNames);
      } catch (e) {
        return { ok: false, name, errors: [{ file, message: `cannot read the track (${(e as NodeJS.ErrnoException).code ?? String(e)}); check the file's permissions` }] };
      }
    }),
  );
}
