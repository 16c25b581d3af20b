import { z } from 'zod';
import { CAPABILITIES } from '../clusters/provider.ts';
import { paramsSchema, placeholdersIn } from './params.ts';

/** The probe registry as the schema sees it: kind name → schema of that kind's spec. */
export type ProbeSpecs = Readonly<Record<string, z.ZodType>>;

/** A probe after loading: `{ canI: {...} }` in the file becomes `{ kind: 'canI', spec: {...} }`. */
export interface Probe {
  kind: string;
  spec: unknown;
}

/** One thing wrong with an exercise.yaml: where (path inside the document) and what to do. */
export interface SchemaIssue {
  path: (string | number)[];
  message: string;
}

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const FLAG_NAME = /^[a-z][a-z0-9-]*$/;

const dnsLabel = (what: string) =>
  z
    .string()
    .max(63, { error: `a ${what} is at most 63 characters long` })
    .regex(DNS_LABEL, {
      error: (iss) =>
        `${quote(iss.input)} is not a valid ${what}; use lowercase letters, digits and '-', starting and ending with a letter or digit`,
    });

const text = z.string().trim().min(1);

/** A relative path below /etc/kubernetes, without '..': `enc/encryption.yaml`. */
const nodeFilePath = z.string().refine((p) => p !== '' && !p.startsWith('/') && !p.includes('\\') && !p.split('/').includes('..'), {
  error: (iss) => `file path ${quote(iss.input)} must be relative to /etc/kubernetes (like "enc/encryption.yaml") and must not contain ".."`,
});

/** Validates one probe and normalises it to `{ kind, spec }`; errors name the kind and the known kinds. */
export function probeSchema(probeSpecs: ProbeSpecs) {
  const known = Object.keys(probeSpecs).sort();
  const kinds = listOf(known);
  return z.unknown().transform((input, ctx): Probe => {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      ctx.addIssue({ code: 'custom', message: `expected a probe: a mapping with one key naming its kind (${kinds}), like "- canI: {...}", got ${describeValue(input)}` });
      return z.NEVER;
    }
    const keys = Object.keys(input);
    const kind = keys[0];
    if (kind === undefined || keys.length > 1) {
      const got = kind === undefined ? 'an empty mapping; add its kind and spec' : `${keys.length} keys (${listOf(keys)}); put each probe in its own list item`;
      ctx.addIssue({ code: 'custom', message: `a probe has exactly one key naming its kind (${kinds}), got ${got}` });
      return z.NEVER;
    }
    const spec = Object.hasOwn(probeSpecs, kind) ? probeSpecs[kind] : undefined;
    if (!spec) {
      ctx.addIssue({ code: 'custom', path: [kind], message: `unknown probe kind ${quote(kind)}${suggest(kind, known)}; known kinds: ${kinds}` });
      return z.NEVER;
    }
    const r = spec.safeParse((input as Record<string, unknown>)[kind], { error: issueMessage });
    if (r.success) return { kind, spec: r.data };
    for (const iss of r.error.issues) ctx.addIssue({ code: 'custom', path: [kind, ...issuePath(iss)], message: iss.message });
    return z.NEVER;
  });
}

/** For editors: a probe as "exactly one of these keys", each with its kind's spec. */
export function probeUnionSchema(probeSpecs: ProbeSpecs): z.ZodType {
  const options = Object.keys(probeSpecs)
    .sort()
    .map((kind) => z.strictObject({ [kind]: probeSpecs[kind] ?? z.never() }));
  const [first, ...rest] = options;
  return first ? z.union([first, ...rest]) : z.never();
}

/** The shape of exercise.yaml around a given probe schema. */
function buildExerciseSchema<P extends z.ZodType>(probe: P) {
  const hint = z.strictObject({
    text: text.describe('the hint, revealed on request'),
    cost: z.int().min(0).describe('points deducted when the hint is revealed; at most the objective’s points'),
  });
  const objective = z.strictObject({
    id: dnsLabel('objective id').describe('stable id, unique within the exercise (points are recorded against it)'),
    title: text.describe('what the learner must achieve, as they read it'),
    points: z.int().min(0),
    hints: z.array(hint).default([]),
    pass: z.array(probe).min(1, { error: 'needs at least one probe; list the probes that hold once the weakness is fixed' }).describe('probes that must all hold for the weakness to count as fixed'),
    keep: z.array(probe).default([]).describe('guards: the application must still work, or nothing counts'),
  });
  return z.strictObject({
    apiVersion: z.literal('batten.dev/v1'),
    kind: z.literal('Exercise'),
    metadata: z.strictObject({
      name: dnsLabel('exercise name').describe('equals the folder name'),
      title: text,
      difficulty: z.enum(['beginner', 'intermediate', 'advanced']),
      tags: z.array(text).default([]),
      minutes: z.int().min(1).max(24 * 60).describe('typical time to solve'),
    }),
    requires: z.array(z.enum(CAPABILITIES)).default(['api']).describe('capabilities the cluster must have'),
    params: paramsSchema,
    cluster: z
      .strictObject({
        apiServer: z
          .strictObject({
            flags: z
              .record(
                z.string().regex(FLAG_NAME, {
                  error: (iss) => `flag ${quote(iss.input)} is not a kube-apiserver flag name; write it without leading dashes, like "anonymous-auth"`,
                }),
                z.union([z.string(), z.number(), z.boolean()]).transform(String),
              )
              .optional()
              .describe('extra kube-apiserver flags without leading dashes: { anonymous-auth: "false" }'),
            files: z
              .record(nodeFilePath, z.string())
              .optional()
              .describe('files placed under the node’s /etc/kubernetes before start: path → content'),
          })
          .optional(),
        nodes: z.int().min(1).max(10).optional().describe('number of simulated nodes (default 1)'),
      })
      .default({})
      .describe('control-plane options for this exercise'),
    objectives: z.array(objective).min(1, { error: 'needs at least one objective' }),
    completionBonus: z.int().min(0).default(0).describe('points for meeting every objective'),
  });
}

const schemas = new WeakMap<ProbeSpecs, ReturnType<typeof buildExerciseSchema<ReturnType<typeof probeSchema>>>>();

/** The shape of exercise.yaml with probes validated by the registry and normalised to
 * `{ kind, spec }`. Cross-field rules (duplicate ids, hint costs, capabilities, folder
 * name) are in `validateExercise`, which also runs them when the shape is wrong. */
export function exerciseSchema(probeSpecs: ProbeSpecs) {
  let s = schemas.get(probeSpecs);
  if (!s) schemas.set(probeSpecs, (s = buildExerciseSchema(probeSchema(probeSpecs))));
  return s;
}

/** The same document with probes as written (`{ canI: {...} }`), for the JSON Schema. */
export function exerciseInputSchema(probeSpecs: ProbeSpecs) {
  return buildExerciseSchema(probeUnionSchema(probeSpecs));
}

export type Exercise = z.output<ReturnType<typeof exerciseSchema>>;
export type Objective = Exercise['objectives'][number];
export type Hint = Objective['hints'][number];

export interface ExerciseRules {
  probeSpecs: ProbeSpecs;
  /** Every capability some cluster provider offers. */
  providerCapabilities: ReadonlySet<string>;
  /** Name of the exercise's folder; metadata.name must equal it. */
  folderName: string;
}

/** Validates a parsed exercise.yaml: shape and cross-field rules, every problem at once. */
export function validateExercise(raw: unknown, rules: ExerciseRules): { ok: true; exercise: Exercise } | { ok: false; issues: SchemaIssue[] } {
  const parsed = exerciseSchema(rules.probeSpecs).safeParse(raw, { error: issueMessage });
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: issuePath(i), message: i.message }));
  issues.push(...crossFieldIssues(raw, rules));
  if (parsed.success && issues.length === 0) return { ok: true, exercise: parsed.data };
  return { ok: false, issues };
}

/** Rules spanning several fields, checked on the raw document so they are reported even
 * when parts of it have the wrong shape (those parts are skipped here). */
export function crossFieldIssues(raw: unknown, rules: Omit<ExerciseRules, 'probeSpecs'>): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  if (!isRecord(raw)) return issues;
  const name = isRecord(raw.metadata) ? raw.metadata.name : undefined;
  if (typeof name === 'string' && name !== rules.folderName) {
    issues.push({
      path: ['metadata', 'name'],
      message: `name ${quote(name)} differs from the folder name ${quote(rules.folderName)}; rename the folder or set metadata.name: ${rules.folderName}`,
    });
  }
  // the cluster is created (and the catalog listed) before a learner's values are drawn
  for (const key of ['apiVersion', 'kind', 'metadata', 'requires', 'params', 'cluster', 'completionBonus']) {
    for (const p of placeholdersIn(raw[key], [key])) {
      issues.push({ path: p.path, message: `{{${p.name}}}: parameters are allowed in objectives only (and in briefing.md and the manifests), not in ${key}; write the value itself` });
    }
  }
  const requires = raw.requires === undefined ? ['api'] : raw.requires;
  if (Array.isArray(requires)) {
    requires.forEach((cap: unknown, i) => {
      if (typeof cap === 'string' && (CAPABILITIES as readonly string[]).includes(cap) && !rules.providerCapabilities.has(cap)) {
        issues.push({
          path: raw.requires === undefined ? ['requires'] : ['requires', i],
          message: `no cluster provider offers the capability ${quote(cap)} (available: ${listOf([...rules.providerCapabilities].sort())}); remove it or configure a provider that has it`,
        });
      }
    });
  }
  if (!Array.isArray(raw.objectives)) return issues;
  const seen = new Map<string, number>();
  raw.objectives.forEach((o: unknown, i) => {
    if (!isRecord(o)) return;
    if (typeof o.id === 'string') {
      const first = seen.get(o.id);
      if (first === undefined) seen.set(o.id, i);
      else issues.push({ path: ['objectives', i, 'id'], message: `duplicate objective id ${quote(o.id)} (also objectives[${first}]); give each objective its own id` });
    }
    const points = o.points;
    if (typeof points !== 'number' || !Array.isArray(o.hints)) return;
    o.hints.forEach((h: unknown, j) => {
      if (isRecord(h) && typeof h.cost === 'number' && h.cost > points) {
        issues.push({
          path: ['objectives', i, 'hints', j, 'cost'],
          message: `hint cost ${h.cost} is above the objective's ${points} points; lower the cost`,
        });
      }
    });
  });
  return issues;
}

/** `['objectives', 1, 'hints', 0, 'cost']` → `objectives[1].hints[0].cost`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** A zod issue's path as strings and numbers; a single unknown key is appended so the
 * path (and line) point at the key itself. */
function issuePath(iss: z.core.$ZodIssue): (string | number)[] {
  const path = iss.path.map((p) => (typeof p === 'number' ? p : String(p)));
  if (iss.code === 'unrecognized_keys' && iss.keys.length === 1 && iss.keys[0] !== undefined) path.push(iss.keys[0]);
  return path;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

// ---- messages: what is wrong and what is expected, in the author's terms ----

const EXPECTED: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
};

/** Error map for zod: messages that say what is wrong and what is expected. */
export function issueMessage(iss: z.core.$ZodRawIssue): string | undefined {
  switch (iss.code) {
    case 'invalid_type': {
      const expected = EXPECTED[iss.expected] ?? iss.expected;
      return iss.input === undefined ? `missing; expected ${expected}` : `expected ${expected}, got ${describeValue(iss.input)}`;
    }
    case 'invalid_value':
      return `got ${describeValue(iss.input)}; expected ${iss.values.length === 1 ? quote(iss.values[0]) : `one of ${listOf(iss.values.map(quote))}`}`;
    case 'too_small':
    case 'too_big': {
      const bound = iss.code === 'too_small' ? iss.minimum : iss.maximum;
      const word = iss.code === 'too_small' ? (iss.inclusive === false ? 'above' : 'at least') : iss.inclusive === false ? 'below' : 'at most';
      if (iss.origin === 'array') return bound === 1 && iss.code === 'too_small' ? 'must not be empty; add at least one item' : `must have ${word} ${bound} items`;
      if (iss.origin === 'string') return bound === 1 && iss.code === 'too_small' ? 'must not be empty' : `must be ${word} ${bound} characters long`;
      return `must be ${word} ${bound}, got ${describeValue(iss.input)}`;
    }
    case 'unrecognized_keys': {
      const shape = (iss.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      const known = shape ? Object.keys(shape) : [];
      const [only] = iss.keys;
      const what = iss.keys.length === 1 && only !== undefined ? `unknown field ${quote(only)}${suggest(only, known)}` : `unknown fields ${listOf(iss.keys.map(quote))}`;
      return known.length ? `${what}; known fields: ${listOf(known)}` : what;
    }
    case 'invalid_union': {
      const expected = [...new Set(iss.errors.flat().flatMap((e) => (e.code === 'invalid_type' ? [EXPECTED[e.expected] ?? e.expected] : [])))];
      return expected.length ? `expected ${expected.join(' or ')}, got ${describeValue(iss.input)}` : undefined;
    }
    case 'invalid_key':
      return iss.issues[0]?.message;
    default:
      return undefined;
  }
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return quote(v);
}

function quote(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v) : String(v);
}

function listOf(items: readonly string[]): string {
  return items.length ? items.join(', ') : '(none)';
}

/** ` (did you mean "hints"?)` when a known name is one or two edits away. */
export function suggest(word: string, known: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best === undefined ? '' : ` (did you mean ${quote(best)}?)`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}
