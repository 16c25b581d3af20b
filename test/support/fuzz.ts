/**
 * Hostile input, reproducibly: a seeded PRNG, random and mutated JSON values, hostile header
 * values and raw socket.io/engine.io packets (pure; the drivers are fuzz-server.ts and
 * fuzz-exercises.ts). Every case draws from `rng.fork(caseIndex)`, so a seed and a case index
 * give the same input again whatever ran concurrently.
 */

/** sfc32, seeded through splitmix32. */
export class Rng {
  private s: [number, number, number, number];
  constructor(readonly seed: number) {
    let x = seed >>> 0;
    const mix = () => {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s = [mix(), mix(), mix(), mix()];
  }

  /** A float in [0, 1). */
  next(): number {
    const s = this.s;
    const t = (((s[0] + s[1]) >>> 0) + s[3]) >>> 0;
    s[3] = (s[3] + 1) >>> 0;
    s[0] = s[1] ^ (s[1] >>> 9);
    s[1] = (s[2] + (s[2] << 3)) >>> 0;
    s[2] = ((s[2] << 21) | (s[2] >>> 11)) >>> 0;
    s[2] = (s[2] + t) >>> 0;
    return t / 2 ** 32;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  /** An independent generator for case `i` of this seed. */
  fork(i: number): Rng {
    return new Rng(Math.imul(this.seed ^ 0x5bd1e995, 31) + i);
  }
}

export const randomSeed = (): number => Math.floor(Math.random() * 2 ** 31);

/** Strings that have broken parsers, validators and databases before. */
export const NASTY_STRINGS: readonly string[] = [
  '', ' ', '0', '-0', '-1', 'NaN', 'Infinity', '-Infinity', '1e308', '1e-400', '0x1F', '9007199254740993', '1_000', ' 42 ',
  'null', 'undefined', 'true', '[]', '{}', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf',
  '../../../../etc/passwd', '..\\..\\windows', '%2e%2e%2f', '%00', '%', '%E0%A4%A', '%uD800', '\u0000', '\u0000\u0001\u0008\u001b[2J\u007f',
  '\r\n\r\nX-Injected: 1', '\uD800', '\uDFFF\uD800x', '\u202Eevil\u202C', '\uFEFF', '\u00A0', 'ÿ', 'İı', '😀', '👩‍👩‍👧‍👦', 'ｆｕｌｌｗｉｄｔｈ', 'Ω'.repeat(41),
  "' OR 1=1 --", '"; DROP TABLE users; --', '<script>alert(1)</script>', '${7*7}', '{{7*7}}', '%s%n%x%d', '\\', '"', "'", '`',
  '=cmd|/C calc!A0', '+1', '@SUM(1)', 'a'.repeat(33), 'a'.repeat(65), 'x'.repeat(201), 'ABCD2345', 'abcdef', 'system:anonymous',
  '2024-01-01T00:00:00Z', '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '2024-02-30', '1970-01-01', 'Z',
];

/** Numbers at the edges: of JSON, of int schemas (cols 10..500, rows 4..200, 2^30) and of SQLite. */
export const EDGE_NUMBERS: readonly number[] = [
  0, -0, 1, -1, 0.5, 1.5, 3, 4, 9, 10, 199, 200, 201, 499, 500, 501, 2 ** 30, 2 ** 30 + 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53, -(2 ** 53),
  2 ** 63, 1e21, 1e308, -1e308, Number.MAX_VALUE, Number.MIN_VALUE, Number.EPSILON, 0.1 + 0.2,
];

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '__defineGetter__', 'then'];

function randomChar(rng: Rng): string {
  switch (rng.int(6)) {
    case 0: return String.fromCharCode(rng.int(32)); // control characters, NUL among them
    case 1: return String.fromCharCode(0x80 + rng.int(0x80)); // Latin-1 and C1
    case 2: return String.fromCharCode(0xd800 + rng.int(0x800)); // a lone surrogate
    case 3: return String.fromCodePoint(0x10000 + rng.int(0xfffff)); // astral
    case 4: return String.fromCharCode(rng.int(0xd800));
    default: return String.fromCharCode(32 + rng.int(95));
  }
}

export function randomString(rng: Rng): string {
  const r = rng.next();
  if (r < 0.45) return rng.pick(NASTY_STRINGS);
  if (r < 0.9) return Array.from({ length: rng.int(40) }, () => randomChar(rng)).join('');
  const chunk = rng.chance(0.5) ? rng.pick(NASTY_STRINGS) || 'a' : randomChar(rng);
  return chunk.repeat(Math.ceil((1 + rng.int(100_000)) / chunk.length)).slice(0, 100_000); // up to ~100 KB
}

/** An own property, even for `__proto__` (plain assignment would set the prototype). */
function setKey(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** Any JSON value: scalars at the edges, prototype keys, deep nesting. */
export function randomValue(rng: Rng, depth = 0): unknown {
  const r = rng.int(depth > 3 ? 5 : 9);
  switch (r) {
    case 0: return null;
    case 1: return rng.chance(0.5);
    case 2: return rng.chance(0.8) ? rng.pick(EDGE_NUMBERS) : (rng.next() - 0.5) * 10 ** rng.int(20);
    case 3: case 4: return randomString(rng);
    case 5: return Array.from({ length: rng.int(6) }, () => randomValue(rng, depth + 1));
    case 6: {
      const o: Record<string, unknown> = {};
      for (let i = rng.int(6); i > 0; i--) setKey(o, rng.chance(0.3) ? rng.pick(PROTO_KEYS) : randomString(rng).slice(0, 64), randomValue(rng, depth + 1));
      return o;
    }
    case 7: return nested(rng, 10 + rng.int(1500), randomValue(rng, 4));
    default: return { [rng.pick(PROTO_KEYS)]: randomValue(rng, depth + 1) };
  }
}

function nested(rng: Rng, depth: number, leaf: unknown): unknown {
  let v = leaf;
  const asArray = rng.chance(0.5);
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

type Path = (string | number)[];

function paths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (out.length > 200) return out;
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) paths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

function getAt(v: unknown, p: Path): unknown {
  return p.reduce<unknown>((o, k) => (o as Record<string | number, unknown>)[k], v);
}

/** One change to a value: replaced, retyped, pushed over an edge, or gone. */
function mutateOne(rng: Rng, v: unknown): unknown {
  switch (rng.int(8)) {
    case 0: return randomValue(rng);
    case 1: return typeof v === 'number' ? rng.pick([v + 1, v - 1, -v, v * 1000, v + 0.5, String(v)]) : rng.pick(EDGE_NUMBERS);
    case 2: return typeof v === 'string' ? rng.pick([v.repeat(1 + rng.int(500)), v.toUpperCase(), ` ${v} `, v + rng.pick(NASTY_STRINGS), v.slice(1), Number(v)]) : (JSON.stringify(v) ?? 'undefined');
    case 3: return [v];
    case 4: return v && typeof v === 'object' ? (Array.isArray(v) ? Object.assign({}, v) : Object.values(v)) : { value: v };
    case 5: return rng.pick([null, true, false, '', 0, [], {}]);
    case 6: return nested(rng, 1 + rng.int(50), v);
    default: return rng.pick(NASTY_STRINGS);
  }
}

/** A valid payload with one to three mutations (a key deleted, added, retyped...). */
export function mutate(rng: Rng, valid: unknown): unknown {
  let root: unknown = structuredClone(valid);
  for (let n = 1 + rng.int(3); n > 0; n--) {
    const p = rng.pick(paths(root));
    const parent = p.length > 0 ? getAt(root, p.slice(0, -1)) : undefined;
    const key = p.at(-1);
    const replacement = mutateOne(rng, getAt(root, p));
    if (parent === undefined || key === undefined) root = replacement;
    else if (rng.chance(0.15)) {
      if (Array.isArray(parent)) parent.splice(Number(key), 1);
      else delete (parent as Record<string, unknown>)[key];
    } else if (rng.chance(0.15) && parent && typeof parent === 'object' && !Array.isArray(parent)) setKey(parent as Record<string, unknown>, rng.chance(0.5) ? rng.pick(PROTO_KEYS) : randomString(rng).slice(0, 40), randomValue(rng));
    else setKey(parent as Record<string, unknown>, String(key), replacement);
  }
  return root;
}

/** Damage to serialized text: truncated, spliced, duplicated, prefixed. */
export function mutateText(rng: Rng, text: string): string {
  const at = rng.int(text.length + 1);
  switch (rng.int(9)) {
    case 0: return text.slice(0, at);
    case 1: return text.slice(0, at) + randomChar(rng) + text.slice(at);
    case 2: return text.slice(0, at) + text.slice(at + 1 + rng.int(20));
    case 3: return text.slice(0, at) + text.slice(at, at + 50).repeat(2 + rng.int(100)) + text.slice(at + 50);
    case 4: return '\uFEFF' + text;
    case 5: return text.replace('{', '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},');
    case 6: return text.replace(/"([^"]+)":/, '"$1":1,"$1":');
    case 7: return text.slice(0, at) + rng.pick(['\u0000', '\\u0000', '\\ud800', '\\', '"', '}', ']', ',', 'NaN', '1e999', '-', '/*', '\n']) + text.slice(at);
    default: return rng.pick(NASTY_STRINGS);
  }
}

export interface HeaderContext {
  /** This server's own origin, e.g. http://127.0.0.1:8080. */
  origin: string;
  /** Real session cookies of the signed-in users (`batten_session=…`). */
  cookies: readonly string[];
}

/** Values for one request header: none, one, or the header repeated. */
export function hostileHeader(rng: Rng, name: 'origin' | 'cookie' | 'content-type' | 'x-forwarded-for', c: HeaderContext, usual: string | undefined): string[] {
  const r = rng.next();
  if (r < 0.5) return usual === undefined ? [] : [usual];
  if (r < 0.6) return [];
  const one = (): string => {
    switch (name) {
      case 'origin': return rng.pick(['null', c.origin, c.origin + '.evil.example', 'http://evil.example', 'file://', 'http://', 'javascript:alert(1)', 'http://127.0.0.1', c.origin.toUpperCase(), `${c.origin}/path?q`, 'http://[::1', randomString(rng)]);
      case 'cookie': return rng.pick([
        rng.pick(c.cookies), // a valid session of another user
        'batten_session=', 'batten_session', 'batten_session=%', 'batten_session=%E0%A4%A', 'batten_session=%00', '=;;=;',
        `batten_session=${'A'.repeat(43)}`, `batten_session=${'%41'.repeat(3000)}`, `a=${'x'.repeat(20_000)}`,
        `${rng.pick(c.cookies)}; ${rng.pick(c.cookies)}`, `__proto__=x; constructor=y; ${rng.pick(c.cookies)}`,
        Array.from({ length: 500 }, (_, i) => `c${i}=${i}`).join('; '), `batten_session=${randomString(rng)}`,
      ]);
      case 'content-type': return rng.pick([
        'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=----x', 'multipart/form-data', 'application/json; charset=utf-16',
        'application/json; charset=utf-7', 'application/json; charset=nonsense', 'application/json; charset="', 'application/json;;;', 'application/*',
        '*/*', 'application/merge-patch+json', 'application/vnd.api+json', 'APPLICATION/JSON', 'application/json\u0000', 'json', ';', randomString(rng),
      ]);
      default: return rng.pick(['', 'unknown', '127.0.0.1, 10.0.0.1', '::1', '999.999.999.999', '1.2.3.4, '.repeat(500), '[::ffff:127.0.0.1]:80', randomString(rng)]);
    }
  };
  return rng.chance(0.2) ? [one(), one()] : [one()];
}

/** A socket.io packet as engine.io carries it (a `4…` message), valid-looking or not. */
export function socketIoPacket(rng: Rng, eventNames: readonly string[], payload: () => unknown): string {
  const name = rng.chance(0.8) ? rng.pick(eventNames) : rng.pick(['connect', 'disconnect', 'error', 'newListener', '__proto__', 'constructor', 'award', 'terminal:data', '', randomString(rng)]);
  const args = JSON.stringify([name, payload()]);
  switch (rng.int(12)) {
    case 0: return `42${args}`;
    case 1: return `42${rng.int(1e6)}${args}`; // with an ack id
    case 2: return `42/admin,${args}`; // a namespace nobody joined
    case 3: return `451-${JSON.stringify([name, { _placeholder: true, num: rng.pick([0, 1, -1, 99, '0']) }])}`;
    case 4: return `45${rng.pick(['999', '-1', '', 'x', '1e9'])}-${args}`; // attachment count lies
    case 5: return `4${rng.pick(['0', '1', '3', '4', '6', '7', '9', '0/nope,', '0{"token":1}', '2[]', '2[1]', '2{}', '2"x"', '2null'])}`;
    case 6: return rng.pick(['0', '1', '2', '3', '2probe', '5', '6', '7', '', 'b', 'bAAA', 'b!!!', '4']);
    case 7: return `42${mutateText(rng, args)}`;
    case 8: return `42[${JSON.stringify(name)}${`,${JSON.stringify(payload())}`.repeat(1 + rng.int(20))}]`;
    default: return `42${JSON.stringify([name, ...Array.from({ length: rng.int(3) }, payload)])}`;
  }
}

/** encodeURIComponent that also takes lone surrogates (as the replacement character). */
export function percentEncode(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}
