import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * An exercise's parameters: names, passwords and ports drawn per learner from a seed, so
 * that two learners never paste the same answer. Authors write `{{name}}` in exercise.yaml,
 * briefing.md and manifests; scripts read `$name`. Pure: the same seed gives the same values.
 */

export const PARAM_NAME = /^[a-z][a-z0-9_]{0,31}$/;
const PLACEHOLDER = /\{\{\s*([a-z][a-z0-9_]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([a-z][a-z0-9_]*)\s*\}\}$/;

const ALPHABETS = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  'lower-digits': 'abcdefghijklmnopqrstuvwxyz0123456789',
  alnum: 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789',
} as const;

export const paramSpec = z.union([
  z.strictObject({ oneOf: z.array(z.string().min(1).max(63)).min(1).max(100).describe('one of these, e.g. [shop, store, market]') }),
  z.strictObject({
    token: z.int().min(1).max(64).describe('random characters, e.g. 6'),
    alphabet: z.enum(Object.keys(ALPHABETS) as [keyof typeof ALPHABETS]).default('lower-digits').describe('lower-digits (valid in names), lower, or alnum (passwords)'),
    prefix: z.string().max(32).default('').describe('put before the random part, e.g. "shop-"'),
  }),
  z.strictObject({ int: z.tuple([z.int(), z.int()]).describe('[min, max], both included, e.g. [30000, 32767]') }),
]);
export type ParamSpec = z.infer<typeof paramSpec>;
export type ParamValues = Readonly<Record<string, string | number>>;

export const paramsSchema = z
  .record(z.string().regex(PARAM_NAME, { error: (iss) => `parameter name ${JSON.stringify(iss.input)} must be lower case letters, digits and _, starting with a letter (it becomes $${String(iss.input)} in scripts)` }), paramSpec)
  .default({})
  .describe('values drawn per learner; write {{name}} in exercise.yaml, briefing.md and manifests, $name in scripts');

/** Deterministic bytes for one parameter of one seed. */
function bytes(seed: string, name: string, n: number): Buffer {
  const out: Buffer[] = [];
  for (let i = 0; out.length * 32 < n; i++) out.push(createHash('sha256').update(`${seed}\0${name}\0${i}`).digest());
  return Buffer.concat(out).subarray(0, n);
}

/** Draws every parameter's value from the seed. */
export function drawParams(specs: Readonly<Record<string, ParamSpec>>, seed: string): ParamValues {
  const values: Record<string, string | number> = {};
  for (const [name, spec] of Object.entries(specs)) {
    if ('oneOf' in spec) {
      values[name] = spec.oneOf[bytes(seed, name, 4).readUInt32BE(0) % spec.oneOf.length]!;
    } else if ('token' in spec) {
      const alphabet = ALPHABETS[spec.alphabet];
      const b = bytes(seed, name, spec.token * 2);
      let s = '';
      for (let i = 0; i < spec.token; i++) s += alphabet[b.readUInt16BE(i * 2) % alphabet.length];
      values[name] = spec.prefix + s;
    } else {
      const [lo, hi] = spec.int[0] <= spec.int[1] ? spec.int : [spec.int[1], spec.int[0]];
      values[name] = lo + (bytes(seed, name, 4).readUInt32BE(0) % (hi - lo + 1));
    }
  }
  return values;
}

/** A `{{name}}` that names no parameter, and where it is. */
export interface UnknownParam {
  path: (string | number)[];
  name: string;
}

/** Replaces `{{name}}` in every string of a JSON-like value. A string that is exactly one
 * placeholder of a number parameter becomes that number (ports). Object keys are left alone. */
export function substitute<T>(value: T, values: ParamValues, unknown: UnknownParam[] = [], at: (string | number)[] = []): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole && typeof values[whole[1]!] === 'number') return values[whole[1]!] as T;
    return value.replace(PLACEHOLDER, (m, name: string) => {
      if (name in values) return String(values[name]);
      unknown.push({ path: at, name });
      return m;
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v, i) => substitute(v, values, unknown, [...at, i])) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, values, unknown, [...at, k])])) as T;
  }
  return value;
}

/** Text with its placeholders shown as ‹name›: what a learner reads before their values are drawn. */
export function displayText(text: string): string {
  return text.replace(PLACEHOLDER, (_m, name: string) => `‹${name}›`);
}

/** Paths under `value` that hold a placeholder at all. */
export function placeholdersIn(value: unknown, at: (string | number)[] = []): UnknownParam[] {
  const found: UnknownParam[] = [];
  substitute(value, {}, found, at);
  return found;
}

/** Scripts see each parameter as an environment variable of the same name. */
export function paramEnv(values: ParamValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
}
