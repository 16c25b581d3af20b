import { z } from 'zod';
import { evaluateCel } from '../cel-eval.ts';
import type { ProbeKind } from '../probe.ts';

const ref = z.strictObject({
  apiVersion: z.string().optional(),
  kind: z.string().min(1),
  namespace: z.string().optional(),
  name: z.string().optional().describe('one object (null when absent); omit for a list'),
  labelSelector: z.string().optional(),
});
const schema = z.strictObject({
  expression: z.string().min(1).describe('CEL that must be true, e.g. d.spec.template.spec.securityContext.runAsNonRoot'),
  objects: z.record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]*$/), ref).describe('variables: one object by name, or a list'),
  message: z.string().optional().describe('shown to the learner while the expression is false'),
});
type Spec = z.infer<typeof schema>;

/** A CEL expression over live objects is true (CEL being what Kubernetes itself uses). */
export const cel: ProbeKind<Spec> = {
  schema,
  watches: (s) => Object.values(s.objects).map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace })),
  async evaluate(ctx, s) {
    const vars: Record<string, unknown> = {};
    for (const [name, o] of Object.entries(s.objects)) {
      vars[name] = o.name ? ((await ctx.kube.get(o.apiVersion, o.kind, o.namespace, o.name)) ?? null) : await ctx.kube.list(o.apiVersion, o.kind, o.namespace, o.labelSelector);
    }
    const r = evaluateCel(s.expression, vars);
    if (r.error !== undefined) return { ok: false, detail: s.message ?? `${s.expression} cannot be evaluated yet: ${r.error}` };
    if (r.value === true) return { ok: true, detail: `${s.expression} holds` };
    return { ok: false, detail: s.message ?? `${s.expression} is not true yet` };
  },
};
