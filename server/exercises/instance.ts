import type { Bundle, ExerciseProblem, LoadedExercise, Manifest, NamedBundle } from './loader.ts';
import { displayText, drawParams, paramEnv, paramsSchema, substitute, type ParamValues, type UnknownParam } from './params.ts';
import { formatPath, validateExercise, type ExerciseRules } from './schema.ts';

/** An exercise's files as written, with `{{name}}` placeholders: what every learner's
 * instance is drawn from. */
export interface ExerciseTemplate {
  /** exercise.yaml as parsed, before validation. */
  raw: Readonly<Record<string, unknown>>;
  rules: ExerciseRules;
  briefing: string;
  setup: readonly Manifest[];
  /** setup/*.sh, absolute paths in the order they run. */
  setupScripts: readonly string[];
  /** `solution/` and the entries of `solutions/`; at least one when the exercise is valid. */
  solutions: readonly NamedBundle[];
  cheats: readonly NamedBundle[];
}

/** A problem of an instance; `docPath` points into exercise.yaml. */
export type InstanceProblem = ExerciseProblem & { docPath?: (string | number)[] };

/** The seed the catalog's copy of an exercise is drawn from; learners get random ones. */
export const PREVIEW_SEED = 'preview';

/** The exercise with every parameter drawn from `seed`: objectives, briefing, manifests,
 * and the scripts' environment. Pure. */
export function buildInstance(name: string, dir: string, t: ExerciseTemplate, seed: string): { ok: true; exercise: LoadedExercise } | { ok: false; problems: InstanceProblem[] } {
  const problems: InstanceProblem[] = [];
  const specs = paramsSchema.safeParse(t.raw.params);
  const values: ParamValues = specs.success ? drawParams(specs.data, seed) : {};
  const yamlFile = `${name}/exercise.yaml`;
  const unknownYaml: UnknownParam[] = [];
  const raw = { ...t.raw, objectives: substitute(t.raw.objectives, values, unknownYaml, ['objectives']) };
  const r = validateExercise(raw, t.rules);
  if (!r.ok) for (const i of r.issues) problems.push({ file: yamlFile, path: formatPath(i.path) || undefined, docPath: i.path, message: i.message });
  for (const u of unknownYaml) problems.push({ file: yamlFile, path: formatPath(u.path), docPath: u.path, message: undeclared(u.name) });

  const text = (s: string, file: string) => {
    const unknown: UnknownParam[] = [];
    const out = substitute(s, values, unknown);
    for (const u of new Set(unknown.map((x) => x.name))) problems.push({ file, message: undeclared(u) });
    return out;
  };
  const manifests = (ms: readonly Manifest[]) =>
    ms.map((m) => {
      const unknown: UnknownParam[] = [];
      const object = substitute(m.object, values, unknown);
      for (const u of unknown) problems.push({ file: m.file, path: `document ${m.index + 1}: ${formatPath(u.path)}`, message: undeclared(u.name) });
      return { ...m, object };
    });
  const env = paramEnv(values);
  const bundle = <B extends Bundle>(b: B): B => ({ ...b, manifests: manifests(b.manifests), ...(b.script && Object.keys(env).length > 0 ? { env } : {}) });
  const briefing = text(t.briefing, `${name}/briefing.md`);
  const setup = manifests(t.setup);
  const solutions = t.solutions.map(bundle);
  const cheats = t.cheats.map(bundle);
  if (!r.ok || problems.length > 0) return { ok: false, problems };
  const [solution = { manifests: [] }] = solutions;
  const exercise: LoadedExercise = { ok: true, name, dir, exercise: r.exercise, briefing, setup, setupScripts: [...t.setupScripts], scriptEnv: env, solution, solutions, cheats, seed, params: values, template: t };
  return { ok: true, exercise };
}

/** The exercise drawn from another seed (a learner's). Throws if that seed's values break
 * it, which the loader's check of the preview seed makes unlikely but not impossible. */
export function instantiate(ex: LoadedExercise, seed: string): LoadedExercise {
  const r = buildInstance(ex.name, ex.dir, ex.template, seed);
  if (r.ok) return r.exercise;
  throw new Error(`${ex.name} with seed ${seed}: ${r.problems.map((p) => `${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`).join('; ')}`);
}

/** Does the exercise draw anything per learner? */
export function hasParams(ex: LoadedExercise): boolean {
  return Object.keys(ex.params).length > 0;
}

/** What a learner reads before their values are drawn: placeholders shown as ‹name›. */
export function displayed(ex: LoadedExercise): { briefing: string; titles: Map<string, string>; hints: Map<string, string[]> } {
  const titles = new Map<string, string>();
  const hints = new Map<string, string[]>();
  const raw = ex.template.raw.objectives;
  ex.exercise.objectives.forEach((o, i) => {
    const written = (Array.isArray(raw) ? raw[i] : undefined) as { title?: unknown; hints?: { text?: unknown }[] } | undefined;
    titles.set(o.id, typeof written?.title === 'string' ? displayText(written.title) : o.title);
    hints.set(o.id, o.hints.map((h, j) => { const t = written?.hints?.[j]?.text; return typeof t === 'string' ? displayText(t) : h.text; }));
  });
  return { briefing: displayText(ex.template.briefing), titles, hints };
}

function undeclared(name: string): string {
  return `{{${name}}} is not a parameter of this exercise; declare it under params: in exercise.yaml (e.g. ${name}: { token: 6 }) or fix the name`;
}
