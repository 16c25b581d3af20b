import type { Probe } from '../exercises/schema.ts';
import type { Verdict as ScoreVerdict } from '../scoring/rules.ts';
import type { ProbeContext, ProbeKind } from './probe.ts';

export interface ObjectiveSpec {
  id: string;
  pass: readonly Probe[];
  keep: readonly Probe[];
}

export interface ObjectiveVerdict {
  verdict: ScoreVerdict;
  detail: string;
}

/** Evaluates one objective: every `pass` probe and every `keep` guard must hold. A guard
 * that fails wins over the pass probes (the fix broke the application); a probe that
 * cannot answer makes the verdict `error`, never `holds`. */
export async function evaluateObjective(o: ObjectiveSpec, probes: Readonly<Record<string, ProbeKind<never>>>, ctx: ProbeContext): Promise<ObjectiveVerdict> {
  const run = (p: Probe) => {
    const kind = probes[p.kind];
    if (!kind) return Promise.reject(new Error(`unknown probe kind ${p.kind}`));
    return kind.evaluate(ctx, p.spec as never);
  };
  const results = await Promise.allSettled([...o.pass.map(run), ...o.keep.map(run)]);
  const failedToAnswer = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failedToAnswer) return { verdict: 'error', detail: `cannot check right now: ${(failedToAnswer.reason as Error)?.message ?? String(failedToAnswer.reason)}` };
  const verdicts = results.map((r) => (r as PromiseFulfilledResult<{ ok: boolean; detail: string }>).value);
  const pass = verdicts.slice(0, o.pass.length);
  const keep = verdicts.slice(o.pass.length);
  const broken = keep.find((v) => !v.ok);
  if (broken) return { verdict: 'fails', detail: `the application must keep working: ${broken.detail}` };
  const open = pass.find((v) => !v.ok);
  if (open) return { verdict: 'fails', detail: open.detail };
  return { verdict: 'holds', detail: pass.map((v) => v.detail).join('; ') };
}
