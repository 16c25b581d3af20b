import { namedPort, namespaceLabels, policyTypesOf } from './evaluate.ts';
import { formatCIDR, formatIP, ipBlockContains, parseCIDR, parseIP } from './ip-block.ts';
import { matches } from './label-selector.ts';
import type { Namespace, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod, PolicyType, Protocol } from './types.ts';

/** The nftables table the rules live in, in the node's own network namespace. */
export const NFT_TABLE = 'batten_netpol';

/** The most rules one ruleset may hold: past it the cluster's policies are refused (a
 * learner's thousand policies cannot keep the platform's event loop busy). */
export const MAX_NFT_RULES = 20_000;

export class RulesetTooLarge extends Error {}

export interface RulesetInput {
  pods: readonly Pod[];
  namespaces: readonly Namespace[];
  policies: readonly NetworkPolicy[];
}

/**
 * NetworkPolicies compiled to one nftables table for the forward hook of a node whose pods
 * share a bridge (br_netfilter passes bridged packets to that hook): the same semantics as
 * evaluate.ts, as packets. A pod isolated for egress jumps to a chain that returns for what
 * its policies allow and drops the rest (on forward, and on input for what it sends to the
 * node itself); then a pod isolated for ingress jumps to a chain that accepts what its
 * policies allow and drops the rest. Replies of an allowed connection pass as established.
 * Traffic from the node itself (kubelet probes) is not filtered. A second table lets only
 * IPv4 and ARP cross the pods' bridge.
 *
 * Pure; every address and port is re-printed from its parsed value, so no text from a
 * cluster object reaches nft's syntax. The output starts by deleting the table, so
 * `nft -f` replaces the whole ruleset in one transaction.
 */
export function compileNftRuleset(input: RulesetInput): string {
  const pods = input.pods.map(addressed).filter((p): p is Addressed => p !== undefined).sort((a, b) => a.key.localeCompare(b.key));
  const nsLabels = namespaceLabels(input.namespaces);
  const policies = [...input.policies].sort((a, b) => `${nsOf(a)}/${a.metadata.name}`.localeCompare(`${nsOf(b)}/${b.metadata.name}`));
  const budget = { rules: 0 };
  const jumps: Record<PolicyType, string[]> = { Egress: [], Ingress: [] };
  const isolated = new Set<Addressed>();
  const chains: string[] = [];
  for (const type of ['Egress', 'Ingress'] as const) {
    for (const subject of pods) {
      const selecting = policies.filter((p) => nsOf(p) === subject.namespace && matches(p.spec.podSelector ?? {}, subject.pod.metadata.labels ?? {}) && policyTypesOf(p).includes(type));
      if (selecting.length === 0) continue;
      isolated.add(subject);
      const chain = `${type === 'Ingress' ? 'in' : 'out'}_${chains.length}`;
      const own = type === 'Ingress' ? 'daddr' : 'saddr';
      for (const a of subject.addresses) jumps[type].push(`${a.family} ${own} ${a.text} jump ${chain}`);
      const rules = selecting.flatMap((policy) => policyRules(type, policy, subject, pods, nsLabels, budget));
      chains.push(`  chain ${chain} {\n${[...rules, 'drop'].map((r) => `    ${r}\n`).join('')}  }\n`);
    }
  }
  // a pod reaching itself through its own Service crosses the bridge: always allowed
  const self = [...isolated].flatMap((p) => p.addresses.map((a) => `${a.family} saddr ${a.text} ${a.family} daddr ${a.text} accept`));
  return [
    `table inet ${NFT_TABLE}`,
    `delete table inet ${NFT_TABLE}`,
    `table inet ${NFT_TABLE} {`,
    '  chain forward {',
    '    type filter hook forward priority filter + 10; policy accept;',
    '    ct state established,related accept',
    ...[...self, ...jumps.Egress, ...jumps.Ingress].map((j) => `    ${j}`),
    '  }',
    // a pod's egress to the node itself (the API server's Service, the kubelet, etcd)
    '  chain input {',
    '    type filter hook input priority filter + 10; policy accept;',
    '    ct state established,related accept',
    ...jumps.Egress.map((j) => `    ${j}`),
    '  }',
    ...chains.map((c) => c.trimEnd()),
    '}',
    // the cluster is IPv4 only: nothing else crosses the pods' bridge (no IPv6 link-local
    // path around the rules, no VLAN-tagged frames br_netfilter would not inspect)
    `table bridge ${NFT_TABLE}`,
    `delete table bridge ${NFT_TABLE}`,
    `table bridge ${NFT_TABLE} {`,
    '  chain forward {',
    // before br_netfilter (priority 0), which takes bridged IP packets to the inet hooks
    '    type filter hook forward priority filter; policy accept;',
    '    ether type != { ip, arp } drop',
    '  }',
    '}',
    '',
  ].join('\n');
}

interface Address {
  family: 'ip' | 'ip6';
  text: string;
}

interface Addressed {
  key: string;
  pod: Pod;
  namespace: string;
  addresses: Address[];
}

const nsOf = (o: { metadata: { namespace?: string } }): string => o.metadata.namespace ?? 'default';
const family = (version: 4 | 6): 'ip' | 'ip6' => (version === 4 ? 'ip' : 'ip6');
const PROTOCOL: Record<Protocol, string> = { TCP: 'tcp', UDP: 'udp', SCTP: 'sctp' };

/** A pod on the pod network with its addresses; undefined for pods that have none (not
 * started, finished, or on the node's own network, which policies do not govern). */
function addressed(pod: Pod): Addressed | undefined {
  if (pod.spec?.hostNetwork || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return undefined;
  const texts = new Set([pod.status?.podIP, ...(pod.status?.podIPs ?? []).map((p) => p.ip)].filter((t): t is string => typeof t === 'string'));
  const addresses = [...texts].map((t) => parseIP(t)).filter((a) => a !== undefined).map((a) => ({ family: family(a.version), text: formatIP(a.version, a.value) }));
  const unique = [...new Map(addresses.map((a) => [a.text, a])).values()];
  return unique.length === 0 ? undefined : { key: `${nsOf(pod)}/${pod.metadata.name}`, pod, namespace: nsOf(pod), addresses: unique };
}

/** What a peer matches, as address expressions: one per pod it selects (with the pod, for
 * named ports), or its ipBlock; `any` for a rule without peers. */
type Target = { kind: 'any' } | { kind: 'pod'; pod: Addressed } | { kind: 'block'; cidr: string; except: string[]; family: 'ip' | 'ip6' };

function targets(peer: NetworkPolicyPeer, policyNamespace: string, pods: readonly Addressed[], nsLabels: (ns: string) => Record<string, string>): Target[] {
  if (peer.ipBlock !== undefined) {
    const cidr = parseCIDR(peer.ipBlock.cidr);
    if (cidr === undefined) return [];
    const except = (peer.ipBlock.except ?? []).map(parseCIDR).filter((c) => c !== undefined && c.version === cidr.version).map((c) => formatCIDR(c!));
    return [{ kind: 'block', cidr: formatCIDR(cidr), except, family: family(cidr.version) }];
  }
  if (peer.podSelector === undefined && peer.namespaceSelector === undefined) return [];
  return pods
    .filter((p) => (peer.namespaceSelector === undefined ? p.namespace === policyNamespace : matches(peer.namespaceSelector, nsLabels(p.namespace))))
    .filter((p) => peer.podSelector === undefined || matches(peer.podSelector, p.pod.metadata.labels ?? {}))
    .map((pod) => ({ kind: 'pod', pod }));
}

function policyRules(type: PolicyType, policy: NetworkPolicy, subject: Addressed, pods: readonly Addressed[], nsLabels: (ns: string) => Record<string, string>, budget: { rules: number }): string[] {
  const field = type === 'Ingress' ? 'saddr' : 'daddr';
  const verdict = type === 'Ingress' ? 'accept' : 'return';
  const rules = type === 'Ingress' ? (policy.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })) : (policy.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
  const out: string[] = [];
  for (const rule of rules) {
    const peerTargets: Target[] = (rule.peers ?? []).length === 0 ? [{ kind: 'any' }] : rule.peers!.flatMap((p) => targets(p, nsOf(policy), pods, nsLabels));
    const ports: (NetworkPolicyPort | undefined)[] = (rule.ports ?? []).length === 0 ? [undefined] : rule.ports!;
    for (const target of peerTargets) {
      for (const port of ports) {
        for (const match of matchesFor(target, port, type, subject, pods, field)) {
          if (++budget.rules > MAX_NFT_RULES) throw new RulesetTooLarge(`the NetworkPolicies need more than ${MAX_NFT_RULES} packet-filter rules`);
          out.push(`${match}${match ? ' ' : ''}${verdict}`);
        }
      }
    }
  }
  return out;
}

/** The address and port expressions of one (peer, port) pair of a rule; none when they can
 * match nothing (a named port no pod defines, an address family the subject lacks). */
function matchesFor(target: Target, port: NetworkPolicyPort | undefined, type: PolicyType, subject: Addressed, pods: readonly Addressed[], field: string): string[] {
  const protocol = PROTOCOL[port?.protocol ?? 'TCP'];
  if (protocol === undefined) return [];
  const join = (a: string, b: string) => [a, b].filter((x) => x).join(' ');
  if (port === undefined || port.port === undefined) {
    const any = port === undefined ? '' : `meta l4proto ${protocol}`;
    return addressExprs(target, field).map((a) => join(a, any));
  }
  // a port that is no port (or a named one that resolves to none) allows nothing
  const dport = (n: number | undefined, end?: number): string | undefined => {
    if (n === undefined || !Number.isInteger(n) || n < 1 || n > 65535) return undefined;
    if (end === undefined) return `${protocol} dport ${n}`;
    return Number.isInteger(end) && end >= n && end <= 65535 ? `${protocol} dport ${n}-${end}` : undefined;
  };
  const withPort = (addresses: string[], p: string | undefined) => (p === undefined ? [] : addresses.map((a) => join(a, p)));
  if (typeof port.port !== 'string' || /^\d+$/.test(port.port)) return withPort(addressExprs(target, field), dport(Number(port.port), port.endPort));
  // a named port is the destination pod's: the subject's for ingress, each peer pod's for egress
  const name = port.port;
  const proto = port.protocol ?? 'TCP';
  if (type === 'Ingress') return withPort(addressExprs(target, field), dport(namedPort(subject.pod, name, proto)));
  const dests = target.kind === 'pod' ? [target.pod] : pods;
  return dests.flatMap((d) => withPort(d.addresses.filter((a) => inTarget(target, a.text)).map((a) => `${a.family} ${field} ${a.text}`), dport(namedPort(d.pod, name, proto))));
}

function addressExprs(target: Target, field: string): string[] {
  switch (target.kind) {
    case 'any':
      return [''];
    case 'pod':
      return target.pod.addresses.map((a) => `${a.family} ${field} ${a.text}`);
    case 'block':
      return [`${target.family} ${field} ${target.cidr}${target.except.length > 0 ? ` ${target.family} ${field} != { ${target.except.join(', ')} }` : ''}`];
  }
}

/** Whether an address lies in the target (for a named egress port: only pods have one). */
function inTarget(target: Target, ip: string): boolean {
  return target.kind !== 'block' || ipBlockContains({ cidr: target.cidr, except: target.except }, ip);
}
