import { parse, run } from '@bufbuild/cel';

/** Evaluates a CEL expression over JSON values (pure). Plain objects become CEL maps, so
 * `has(d.spec.x)` and field access work as in Kubernetes' own CEL. */
export function evaluateCel(expression: string, vars: Record<string, unknown>): { value?: unknown; error?: string } {
  let result: unknown;
  try {
    result = run(expression, Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, toCel(v)])) as never);
  } catch (e) {
    return { error: (e as Error).message };
  }
  if (result instanceof Error) return { error: result.message };
  return { value: result };
}

function toCel(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toCel);
  if (v && typeof v === 'object') return new Map(Object.entries(v).map(([k, x]) => [k, toCel(x)]));
  return v;
}

/**
 * Why a CEL expression does not compile (parse), or undefined when it does (pure).
 * `kubernetes`: the expression is Kubernetes' (a ValidatingAdmissionPolicy), which also
 * accepts optional field syntax (`a.?b`, `m[?k]`, `[?x]`, `{?k: v}`) that this parser
 * lacks; it is read as plain selection for the check.
 */
export function compileCel(expression: string, o: { kubernetes?: boolean } = {}): string | undefined {
  const text = o.kubernetes ? expression.replace(/\.\?(?=\s*[A-Za-z_])/g, '.').replace(/([[{,]\s*)\?/g, '$1') : expression;
  try {
    parse(text);
    return undefined;
  } catch (e) {
    return (e as Error).message.replace(/^<input>:/, '');
  }
}
