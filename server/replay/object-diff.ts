import type { ReplayDiffLine } from '../protocol/rest.ts';

/** How much one diff may hold: a create of a large Deployment is shown, not stored whole. */
export interface DiffBounds {
  /** Paths kept; the rest are counted in `more`. */
  maxPaths: number;
  /** Characters of one value (before or after) kept. */
  maxValue: number;
}

export const DIFF_BOUNDS: DiffBounds = { maxPaths: 40, maxValue: 160 };

export interface ObjectDiff {
  lines: ReplayDiffLine[];
  /** Paths that changed but were left out (past maxPaths). */
  more: number;
}

const REDACTED = '(redacted)';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
/** apiVersion and kind: an item of a list has neither, a watched object both (the entry names them). */
const NOISE_TOP = ['status', 'apiVersion', 'kind'];
const NOISE_METADATA = ['managedFields', 'resourceVersion', 'generation', 'uid', 'creationTimestamp', 'selfLink'];

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/**
 * An object without what changes by itself or says nothing about the learner's change:
 * status, apiVersion and kind, managedFields, resourceVersion, generation, uid, creationTimestamp, and the
 * last-applied annotation (a copy of the object, Secret values included). Pure; the input
 * is not modified.
 */
export function normalize(obj: unknown): Record<string, Json> {
  if (!isRecord(obj)) return {};
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(obj)) if (!NOISE_TOP.includes(k)) out[k] = v as Json;
  if (isRecord(obj.metadata)) {
    const md: Record<string, Json> = {};
    for (const [k, v] of Object.entries(obj.metadata)) if (!NOISE_METADATA.includes(k)) md[k] = v as Json;
    if (isRecord(md.annotations)) {
      const { [LAST_APPLIED]: _dropped, ...rest } = md.annotations;
      if (Object.keys(rest).length > 0) md.annotations = rest;
      else delete md.annotations;
    }
    out.metadata = md;
  }
  return out;
}

/** Is `path` one whose values are never shown (a Secret's data)? */
function secretPath(path: string): boolean {
  return /^(data|stringData)(\.|\[|$)/.test(path);
}

/**
 * The changed leaves between two normalized objects as {path, before, after}, in a stable
 * order, bounded by `bounds`. `secret`: values under data/stringData are `(redacted)` (the
 * key is shown, never the value). Arrays are compared index by index. Pure.
 */
export function objectDiff(before: unknown, after: unknown, o: { secret?: boolean; bounds?: DiffBounds } = {}): ObjectDiff {
  const bounds = o.bounds ?? DIFF_BOUNDS;
  const lines: ReplayDiffLine[] = [];
  let more = 0;
  const show = (path: string, v: unknown): string => (o.secret && secretPath(path) ? REDACTED : clip(JSON.stringify(v) ?? 'undefined', bounds.maxValue));
  const emit = (path: string, a: unknown, b: unknown) => {
    if (lines.length >= bounds.maxPaths) return void more++;
    lines.push({ path, ...(a !== undefined ? { before: show(path, a) } : {}), ...(b !== undefined ? { after: show(path, b) } : {}) });
  };
  const walk = (path: string, a: unknown, b: unknown): void => {
    if (isRecord(a) && isRecord(b)) {
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
      for (const k of keys) walk(join(path, k), a[k], b[k]);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b)) {
      for (let i = 0; i < Math.max(a.length, b.length); i++) walk(`${path}[${i}]`, a[i], b[i]);
      return;
    }
    if (a === undefined && b === undefined) return;
    // one side is a container and the other is not (or absent): show the leaves of each
    if ((isContainer(a) || isContainer(b)) && !(isContainer(a) && isContainer(b))) {
      if (isContainer(a)) walkOne(path, a, (p, v) => emit(p, v, undefined));
      else if (a !== undefined) emit(path, a, undefined);
      if (isContainer(b)) walkOne(path, b, (p, v) => emit(p, undefined, v));
      else if (b !== undefined) emit(path, undefined, b);
      return;
    }
    if (!sameJson(a, b)) emit(path, a, b);
  };
  walk('', before, after);
  return { lines, more };
}

/** The leaves of one value, with their paths (an empty object or array is a leaf). */
function walkOne(path: string, v: unknown, f: (path: string, v: unknown) => void): void {
  if (isRecord(v) && Object.keys(v).length > 0) {
    for (const k of Object.keys(v).sort()) walkOne(join(path, k), v[k], f);
  } else if (Array.isArray(v) && v.length > 0) {
    v.forEach((x, i) => walkOne(`${path}[${i}]`, x, f));
  } else f(path, v);
}

function join(path: string, key: string): string {
  const k = /^[A-Za-z_$][\w$-]*$/.test(key) ? key : JSON.stringify(key);
  return path ? (k.startsWith('"') ? `${path}[${k}]` : `${path}.${k}`) : k.startsWith('"') ? `[${k}]` : k;
}

/** A value cut to `max` characters, an ellipsis marking the cut. */
export function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
