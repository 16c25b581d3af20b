import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import type { KubeObject } from '../../kube/kube-client.ts';
import { matches } from '../netpol/label-selector.ts';
import { evaluateReach, requestedPort } from '../netpol/evaluate.ts';
import type { PodRef, ReachInput } from '../netpol/types.ts';
import { excerpt, type ProbeContext, type ProbeKind, type Verdict } from '../probe.ts';
import type { ConnectionOutcome } from '../../clusters/provider.ts';

const end = z.strictObject({
  namespace: z.string().min(1),
  pod: z.string().optional(),
  selector: z.record(z.string(), z.string()).optional().describe('labels of the pods: every pod that has them is tested'),
});
const schema = z.strictObject({
  from: z.union([end, z.strictObject({ ip: z.string().min(1) })]),
  to: z.union([end, z.strictObject({ ip: z.string().min(1) }).describe('an address outside the pods, e.g. 169.254.169.254 (only the source pod’s egress decides)')]),
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  expect: z.enum(['allowed', 'denied']),
});
type Spec = z.infer<typeof schema>;
type End = z.infer<typeof end>;
type Peer = ReachInput['from'];

/** A pod being deleted is left out only when it goes within a minute: one deleted with a
 * long grace period (whose process ignores SIGTERM) keeps running, and keeps its access. */
const leaving = (deletionTimestamp: unknown): boolean => typeof deletionTimestamp === 'string' && Date.parse(deletionTimestamp) - Date.now() < 60_000;

/** The most pods one end of a probe tests; more is no answer (a learner's decoys cannot
 * push the real pods out of a sample, nor make the checker test a million pairs). */
export const MAX_PODS_PER_END = 64;

/** Could pod A open a connection to pod B's port? Every pod a selector matches is tested, on
 * both ends: `denied` holds only when no matching pair connects, `allowed` only when every
 * one does (a decoy pod that sorts first cannot stand in for the real ones). With the
 * `network` capability, TCP between pods is tried for real; otherwise (and for an end that
 * is an address) it is decided from the cluster's NetworkPolicies with their full semantics. */
export const reach: ProbeKind<Spec> = {
  schema,
  watches: () => [{ kind: 'Pod' }, { kind: 'Namespace' }, { kind: 'NetworkPolicy' }],
  async evaluate(ctx, s) {
    const [pods, namespaces, policies] = await Promise.all([ctx.kube.list<KubeObject & { status?: { phase?: string; podIP?: string } }>('v1', 'Pod'), ctx.kube.list('v1', 'Namespace'), ctx.kube.list('networking.k8s.io/v1', 'NetworkPolicy')]);
    const describe = (e: End) => `${e.namespace}/${e.pod ?? Object.entries(e.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}`;
    const peers = (e: End | { ip: string }): Peer[] => {
      if ('ip' in e) return [{ ip: e.ip }];
      const matched = pods
        .filter((p) => p.metadata.namespace === e.namespace && !leaving(p.metadata.deletionTimestamp) && (e.pod ? p.metadata.name === e.pod : matches({ matchLabels: e.selector ?? {} }, p.metadata.labels ?? {})))
        .map((p) => ({ namespace: p.metadata.namespace!, name: p.metadata.name }));
      if (matched.length > MAX_PODS_PER_END) throw new ClusterError(`${matched.length} pods match ${describe(e)}: the check tests at most ${MAX_PODS_PER_END}`, 'delete the pods the exercise does not need');
      return matched;
    };
    const to = peers(s.to);
    if (to.length === 0) return { ok: false, detail: `no pod ${describe(s.to as End)} exists: the application must keep running` };
    const from = peers(s.from);
    if (from.length === 0) return { ok: false, detail: `no pod ${describe(s.from as End)} exists` };
    const at = (e: Peer) => ('ip' in e ? e.ip : `pod ${e.namespace}/${e.name}`);
    const input = { pods: pods as unknown as ReachInput['pods'], namespaces: namespaces as unknown as ReachInput['namespaces'], policies: policies as unknown as ReachInput['policies'], port: s.port, protocol: s.protocol };
    const want = s.expect === 'allowed';
    const pairs = from.flatMap((f) => to.map((t) => ({ from: f, to: t })));
    // real connections where the provider has them, for every pair whose pods both run; a
    // pair with a pod that does not run is decided from the policies (a pending decoy
    // cannot switch the real test off); with no pod running at all (an exercise written for
    // simulated nodes, whose images never start), everything is
    const running = new Set(pods.filter((p) => p.status?.phase === 'Running' && p.status.podIP).map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
    const runs = (e: Peer) => !('ip' in e) && running.has(`${e.namespace}/${e.name}`);
    const live = (p: { from: Peer; to: Peer }) => runs(p.from) && runs(p.to);
    const podPairs = pairs.every((p) => !('ip' in p.from) && !('ip' in p.to));
    if (ctx.tryConnections && s.protocol === 'TCP' && podPairs && pairs.some(live)) {
      return tryForReal(ctx.tryConnections, input, pairs as { from: PodRef; to: PodRef }[], want, live);
    }
    let last: { from: Peer; to: Peer; verdict: ReturnType<typeof evaluateReach> } | undefined;
    for (const pair of pairs) {
      last = { ...pair, verdict: evaluateReach({ ...input, ...pair }) };
      if (last.verdict.allowed !== want) break;
    }
    const { verdict } = last!;
    const scope = pairs.length > 1 ? (verdict.allowed === want ? ` (all ${pairs.length} pod pairs)` : ` (one of ${pairs.length} pod pairs)`) : '';
    const attack = { request: `connect from ${at(last!.from)} to ${at(last!.to)} port ${s.port}/${s.protocol}`, response: `${verdict.allowed ? 'connects' : 'blocked'}${scope}: ${excerpt(verdict.detail)}` };
    // an `allowed` expectation is the application's own traffic, not an attack
    return { ok: verdict.allowed === want, detail: `${verdict.detail}${scope}`, ...(s.expect === 'denied' ? { attack } : {}) };
  },
};

/** How long real connections may disagree with the NetworkPolicies before they are
 * believed: the provider's packet filter follows a change within a moment. */
const SETTLE_TRIES = 4;
const SETTLE_PAUSE_MS = 500;

/** Every pod pair connects for real, from the source pod's own network namespace (the
 * `network` capability): `denied` holds when no connection gets an answer, `allowed` when
 * every one is accepted (refused means the packets arrived and the application is down).
 * Real packets and the policies must agree: where they still differ after the packet
 * filter had time to follow, there is no answer. */
async function tryForReal(tryConnections: NonNullable<ProbeContext['tryConnections']>, input: Omit<ReachInput, 'from' | 'to'>, pairs: { from: PodRef; to: PodRef }[], want: boolean, live: (p: { from: PodRef; to: PodRef }) => boolean): Promise<Verdict> {
  const byRef = new Map(input.pods.map((p) => [`${p.metadata.namespace ?? 'default'}/${p.metadata.name}`, p]));
  const podIp = (r: PodRef): string => byRef.get(`${r.namespace}/${r.name}`)?.status?.podIP ?? '';
  const tests = pairs.map((p) => ({ fromPodIp: podIp(p.from), toIp: podIp(p.to), port: requestedPort(input.port, byRef.get(`${p.to.namespace}/${p.to.name}`)!, 'TCP').number }));
  const verdicts = pairs.map((p) => evaluateReach({ ...input, ...p }));
  const tried = pairs.flatMap((p, j) => (live(p) ? [j] : []));
  // a pair with a pod that does not run: what the policies say
  const outcomes: ConnectionOutcome[] = verdicts.map((v) => (v.allowed ? 'connected' : 'blocked'));
  for (let i = 0; i < SETTLE_TRIES; i++) {
    const got = await tryConnections(tried.map((j) => tests[j]!));
    tried.forEach((j, k) => (outcomes[j] = got[k]!));
    if (outcomes.every((o, j) => (o !== 'blocked') === verdicts[j]!.allowed)) break;
    if (i < SETTLE_TRIES - 1) await new Promise((r) => setTimeout(r, SETTLE_PAUSE_MS));
  }
  // real packets can withhold a verdict, never grant one the policies do not: a learner who
  // fakes a pod's address or network cannot turn a flat network into points
  const split = outcomes.findIndex((o, j) => (o !== 'blocked') !== verdicts[j]!.allowed);
  const words = { connected: 'connected', refused: 'was refused: the packets arrived but nothing listens on that port', blocked: 'got no answer within a second: blocked' };
  const pair = (j: number) => `from ${pairs[j]!.from.namespace}/${pairs[j]!.from.name} to ${pairs[j]!.to.namespace}/${pairs[j]!.to.name}:${tests[j]!.port}`;
  if (split !== -1) {
    throw new ClusterError(
      `a real connection ${pair(split)} ${words[outcomes[split]!]}, but the NetworkPolicies say: ${verdicts[split]!.detail}`,
      "the cluster's network does not do what its policies say: if a pod's address or network was changed by hand, delete that pod",
    );
  }
  const good = (o: ConnectionOutcome) => (want ? o === 'connected' : o === 'blocked');
  const bad = outcomes.findIndex((o) => !good(o));
  const i = bad === -1 ? 0 : bad;
  const { from, to } = pairs[i]!;
  const t = tests[i]!;
  const seen = words[outcomes[i]!];
  const scope = pairs.length > 1 ? (bad === -1 ? ` (all ${pairs.length} pod pairs)` : ` (one of ${pairs.length} pod pairs)`) : '';
  const request = `connect from pod ${from.namespace}/${from.name} (${t.fromPodIp}) to pod ${to.namespace}/${to.name} at ${t.toIp}:${t.port}/TCP`;
  const how = live(pairs[i]!) ? `a real connection ${pair(i)} ${seen}` : `decided from the policies (a pod of the pair does not run)`;
  const detail = `${how}${scope}; ${verdicts[i]!.detail}`;
  return { ok: bad === -1, detail, ...(want ? {} : { attack: { request, response: `${seen}${scope}` } }) };
}
