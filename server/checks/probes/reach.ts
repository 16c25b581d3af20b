import { z } from 'zod';
import { matches } from '../netpol/label-selector.ts';
import { evaluateReach } from '../netpol/evaluate.ts';
import type { ReachInput } from '../netpol/types.ts';
import { excerpt, type ProbeKind } from '../probe.ts';

const end = z.strictObject({
  namespace: z.string().min(1),
  pod: z.string().optional(),
  selector: z.record(z.string(), z.string()).optional().describe('labels of the pod (the first match, by name)'),
});
const schema = z.strictObject({
  from: z.union([end, z.strictObject({ ip: z.string().min(1) })]),
  to: z.union([end, z.strictObject({ ip: z.string().min(1) }).describe('an address outside the pods, e.g. 169.254.169.254 (only the source pod’s egress decides)')]),
  port: z.union([z.number().int().min(1).max(65535), z.string().min(1)]),
  protocol: z.enum(['TCP', 'UDP', 'SCTP']).default('TCP'),
  expect: z.enum(['allowed', 'denied']),
});
type Spec = z.infer<typeof schema>;

/** Could pod A open a connection to pod B's port? Without the `network` capability this
 * is decided from the cluster's NetworkPolicies with their full semantics. */
export const reach: ProbeKind<Spec> = {
  schema,
  watches: () => [{ kind: 'Pod' }, { kind: 'Namespace' }, { kind: 'NetworkPolicy' }],
  async evaluate(ctx, s) {
    const [pods, namespaces, policies] = await Promise.all([ctx.kube.list('v1', 'Pod'), ctx.kube.list('v1', 'Namespace'), ctx.kube.list('networking.k8s.io/v1', 'NetworkPolicy')]);
    const pick = (e: z.infer<typeof end>) =>
      pods
        .filter((p) => p.metadata.namespace === e.namespace && (e.pod ? p.metadata.name === e.pod : matches({ matchLabels: e.selector ?? {} }, p.metadata.labels ?? {})))
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))[0];
    const describe = (e: z.infer<typeof end>) => `${e.namespace}/${e.pod ?? Object.entries(e.selector ?? {}).map(([k, v]) => `${k}=${v}`).join(',')}`;
    let to: ReachInput['to'];
    if ('ip' in s.to) to = { ip: s.to.ip };
    else {
      const p = pick(s.to);
      if (!p) return { ok: false, detail: `no pod ${describe(s.to)} exists: the application must keep running` };
      to = { namespace: p.metadata.namespace!, name: p.metadata.name };
    }
    let from: ReachInput['from'];
    if ('ip' in s.from) from = { ip: s.from.ip };
    else {
      const p = pick(s.from);
      if (!p) return { ok: false, detail: `no pod ${describe(s.from)} exists` };
      from = { namespace: p.metadata.namespace!, name: p.metadata.name };
    }
    const verdict = evaluateReach({
      pods: pods as unknown as ReachInput['pods'],
      namespaces: namespaces as unknown as ReachInput['namespaces'],
      policies: policies as unknown as ReachInput['policies'],
      from,
      to,
      port: s.port,
      protocol: s.protocol,
    });
    const at = (e: ReachInput['from']) => ('ip' in e ? e.ip : `pod ${e.namespace}/${e.name}`);
    const attack = { request: `connect from ${at(from)} to ${at(to)} port ${s.port}/${s.protocol}`, response: `${verdict.allowed ? 'connects' : 'blocked'}: ${excerpt(verdict.detail)}` };
    // an `allowed` expectation is the application's own traffic, not an attack
    return { ok: verdict.allowed === (s.expect === 'allowed'), detail: verdict.detail, ...(s.expect === 'denied' ? { attack } : {}) };
  },
};

