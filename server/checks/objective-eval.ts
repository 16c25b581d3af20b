import type { Probe } from '../exercises/schema.ts';
import type { AttackStep } from '../protocol/rest.ts';
import type { Verdict as ScoreVerdict } from '../scoring/rules.ts';
import type { ProbeContext, ProbeKind, Verdict } from './probe.ts';

export interface ObjectiveSpec {
  id: string;
  pass: readonly Probe[];
  keep: readonly Probe[];
}

export interface ObjectiveVerdict {
  verdict: ScoreVerdict;
  detail: string;
  /** What the `pass` probes did as the attacker, in order (empty when they read configuration only). */
  attack: AttackStep[];
  /** True when some `pass` probe found the weakness still open (the attack worked). */
  open: boolean;
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
  if (failedToAnswer) return { verdict: 'error', detail: `cannot check right now: ${(failedToAnswer.reason as Error)?.message ?? String(failedToAnswer.reason)}`, attack: [], open: false };
  const verdicts = results.map((r) => bounded((r as PromiseFulfilledResult<Verdict>).value));
  const pass = verdicts.slice(0, o.pass.length);
  const keep = verdicts.slice(o.pass.length);
  const attack = pass.flatMap((v) => (v.attack ? [v.attack] : []));
  const open = pass.find((v) => !v.ok);
  const broken = keep.find((v) => !v.ok);
  if (broken) return { verdict: 'fails', detail: `the application must keep working: ${broken.detail}`, attack, open: !!open };
  if (open) return { verdict: 'fails', detail: open.detail, attack, open: true };
  // every step is in the transcript: the sentence names the first few
  const said = pass.slice(0, 3).map((v) => v.detail);
  if (pass.length > 3) said.push(`and ${pass.length - 3} more checks hold`);
  return { verdict: 'holds', detail: said.join('; '), attack, open: false };
}

/** The most of a probe's sentence or transcript step kept: a detail can quote what the
 * learner wrote (an `except` list of 60 000 CIDRs), and every change is stored and sent. */
export const MAX_DETAIL_CHARS = 600;

function bounded(v: Verdict): Verdict {
  const cut = (t: string) => (t.length > MAX_DETAIL_CHARS ? `${t.slice(0, MAX_DETAIL_CHARS - 1)}…` : t);
  return { ok: v.ok, detail: cut(v.detail), ...(v.attack ? { attack: { request: cut(v.attack.request), response: cut(v.attack.response) } } : {}) };
}
