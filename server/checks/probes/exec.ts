import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import { matches } from '../netpol/label-selector.ts';
import { excerpt, type ProbeKind, type Verdict } from '../probe.ts';

/** The most pods one exec probe runs its command in; more is no answer. */
const MAX_PODS = 8;

const schema = z
  .strictObject({
    namespace: z.string().min(1),
    pod: z.string().min(1).optional().describe('the pod, by name'),
    selector: z.record(z.string(), z.string()).optional().describe('labels of the pods (every Running match is tested): a Deployment\'s pods change names'),
    container: z.string().optional().describe('default: the first container'),
    command: z.array(z.string()).min(1),
    expectExit: z.union([z.number().int().min(0).max(255), z.literal('nonzero')]).default(0),
    outputMatches: z.string().optional().describe('a regular expression the output (stdout and stderr) must match'),
    outputNotMatches: z.string().optional().describe('a regular expression the output must not match'),
  })
  .refine((s) => !!s.pod !== !!s.selector, { message: 'give either pod or selector' });
type Spec = z.infer<typeof schema>;

interface PodLike {
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; deletionTimestamp?: string };
  spec?: { containers?: { name: string }[] };
  status?: { phase?: string };
}

/**
 * Replays an attack from inside a pod: runs a command in it (the API server's exec, as
 * `kubectl exec`) and compares the exit code and output with what the exercise expects.
 * No pod to run in is a verdict (the application must keep running); a command that
 * could not be run at all (exec refused, timed out) is no answer: unknown, never met.
 * Needs a container runtime: exercises that use it are listed only on providers with
 * `runtime` (kind).
 */
export const exec: ProbeKind<Spec> = {
  schema,
  requires: ['runtime'],
  watches: (s) => [{ kind: 'Pod', namespace: s.namespace }],
  // what a command sees (a kubelet's settings, a file on the node) changes without any object changing
  polls: true,
  async evaluate(ctx, s) {
    if (!ctx.exec) throw new ClusterError(`the exec probe needs a container runtime; this cluster has ${ctx.capabilities.join(', ')}`, 'run this exercise on a provider with the runtime capability (kind)');
    const pods = (await ctx.kube.list<PodLike>('v1', 'Pod', s.namespace))
      .filter((p) => (s.pod ? p.metadata.name === s.pod : matches({ matchLabels: s.selector ?? {} }, p.metadata.labels)))
      .filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp)
      .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    const which = s.pod ?? Object.entries(s.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
    if (pods.length === 0) return { ok: false, detail: `no Running pod ${s.namespace}/${which}: the application must keep running` };
    if (pods.length > MAX_PODS) throw new ClusterError(`${pods.length} Running pods match ${s.namespace}/${which}: the check runs in at most ${MAX_PODS}`, 'scale the workload down or delete the pods the exercise does not need');
    // every matching pod: a decoy that sorts first cannot stand in for the application's pods
    let verdict: Verdict | undefined;
    for (const pod of pods) {
      const container = s.container ?? pod.spec?.containers?.[0]?.name;
      if (!container) return { ok: false, detail: `pod ${s.namespace}/${pod.metadata.name} has no container` };
      const r = await ctx.exec({ namespace: s.namespace, pod: pod.metadata.name, container, command: s.command });
      const exitOk = s.expectExit === 'nonzero' ? r.exitCode !== 0 : r.exitCode === s.expectExit;
      const matchOk = s.outputMatches === undefined || new RegExp(s.outputMatches, 'm').test(r.output);
      const notMatchOk = s.outputNotMatches === undefined || !new RegExp(s.outputNotMatches, 'm').test(r.output);
      const last = r.output.trim().split('\n').slice(-3).join(' | ').slice(0, 300);
      verdict = {
        ok: exitOk && matchOk && notMatchOk,
        detail: `in ${s.namespace}/${pod.metadata.name}${pods.length > 1 ? ` (one of ${pods.length} pods)` : ''}: \`${s.command.join(' ')}\` exited ${r.exitCode}${last ? ` (${last})` : ''}`,
        attack: { request: `in pod ${s.namespace}/${pod.metadata.name} (container ${container}): ${s.command.join(' ')}`, response: `exit ${r.exitCode}${last ? `: ${excerpt(last)}` : ''}` },
      };
      if (!verdict.ok) break;
    }
    return verdict!;
  },
};
