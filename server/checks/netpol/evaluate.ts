import { ipBlockContains, parseIP } from './ip-block.ts';
import { formatSelector, isEmptySelector, matches } from './label-selector.ts';
import type {
  Labels,
  NetworkPolicy,
  NetworkPolicyPeer,
  NetworkPolicyPort,
  Pod,
  PodRef,
  PolicyType,
  Protocol,
  ReachInput,
  ReachVerdict,
} from './types.ts';

/** Could a pod (or an outside IP) open a connection to a pod's port, by the semantics of
 * networking.k8s.io/v1 NetworkPolicy? Pure: it reads only the objects it is given.
 *
 * Both ends must allow it: egress on the source pod, ingress on the destination pod. A pod
 * that no policy selects for a direction is open in that direction; a selected pod allows
 * only what at least one rule of at least one selecting policy allows. */
export function evaluateReach(input: ReachInput): ReachVerdict {
  const protocol = input.protocol ?? 'TCP';
  if (!PROTOCOLS.includes(protocol)) throw new Error(`reach: protocol "${String(protocol)}" is not TCP, UDP or SCTP`);
  if ('ip' in input.to) return evaluateToAddress(input, input.to.ip, protocol);
  const dstPod = findPod(input.pods, input.to, 'to');
  const dst = podEndpoint(dstPod);
  let src: Endpoint;
  if ('ip' in input.from) {
    if (parseIP(input.from.ip) === undefined) throw new Error(`reach: "from" IP "${input.from.ip}" is not an IPv4 or IPv6 address`);
    src = { label: input.from.ip, labels: {}, ips: [input.from.ip] };
  } else {
    src = podEndpoint(findPod(input.pods, input.from, 'from'));
  }
  const port = requestedPort(input.port, dstPod, protocol);
  const conn = `${src.label} → ${dst.label}:${port.label}/${protocol}`;
  if (src.pod === dstPod) return { allowed: true, detail: `${conn} is allowed: a pod can always connect to itself, whatever the NetworkPolicies say` };

  const nsLabels = namespaceLabels(input.namespaces);
  const ctx: Context = { policies: input.policies, nsLabels, dstPod, port: port.number, protocol };
  const results = [evaluateDirection('Ingress', dst, src, ctx)];
  if (src.pod !== undefined) results.push(evaluateDirection('Egress', src, dst, ctx));
  const denied = results.filter((r) => !r.allowed);
  if (denied.length > 0) return { allowed: false, detail: `${conn} is denied: ${denied.map((r) => r.reason).join('; and ')}` };
  return { allowed: true, detail: `${conn} is allowed: ${results.map((r) => r.reason).join(', and ')}` };
}

/** A pod's connection to an address that is no pod's: its egress alone decides, and only
 * numbered ports can match (a named port is a destination pod's). */
function evaluateToAddress(input: ReachInput, ip: string, protocol: Protocol): ReachVerdict {
  if (parseIP(ip) === undefined) throw new Error(`reach: "to" IP "${ip}" is not an IPv4 or IPv6 address`);
  if ('ip' in input.from) throw new Error('reach: from an IP to an IP says nothing about the cluster; make one end a pod');
  if (typeof input.port !== 'number' && !/^\d+$/.test(input.port)) throw new Error(`reach: port "${input.port}" of an address must be a number`);
  const port = Number(input.port);
  if (port < 1 || port > 65535) throw new Error(`reach: port ${port} is not between 1 and 65535`);
  const src = podEndpoint(findPod(input.pods, input.from, 'from'));
  const dst: Endpoint = { label: ip, labels: {}, ips: [ip] };
  const conn = `${src.label} → ${ip}:${port}/${protocol}`;
  const r = evaluateDirection('Egress', src, dst, { policies: input.policies, nsLabels: namespaceLabels(input.namespaces), port, protocol });
  return { allowed: r.allowed, detail: `${conn} is ${r.allowed ? 'allowed' : 'denied'}: ${r.reason}` };
}

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const NAME_LABEL = 'kubernetes.io/metadata.name';

/** One end of the connection: a pod, or (no `pod`) a client known only by its IP. */
interface Endpoint {
  label: string;
  pod?: Pod;
  namespace?: string;
  labels: Labels;
  ips: string[];
}

interface Context {
  policies: readonly NetworkPolicy[];
  nsLabels: (namespace: string) => Labels;
  /** Absent when the destination is an address, not a pod. */
  dstPod?: Pod;
  port: number;
  protocol: Protocol;
}

interface DirectionResult {
  allowed: boolean;
  reason: string;
}

const nsOf = (o: { metadata: { namespace?: string } }): string => o.metadata.namespace ?? 'default';
const ref = (o: { metadata: { name: string; namespace?: string } }): string => `${nsOf(o)}/${o.metadata.name}`;

function findPod(pods: readonly Pod[], want: PodRef, role: 'from' | 'to'): Pod {
  const pod = pods.find((p) => p.metadata.name === want.name && nsOf(p) === want.namespace);
  if (pod === undefined) throw new Error(`reach: the "${role}" pod ${want.namespace}/${want.name} does not exist`);
  return pod;
}

function podEndpoint(pod: Pod): Endpoint {
  const ips = new Set<string>((pod.status?.podIPs ?? []).map((p) => p.ip));
  if (pod.status?.podIP) ips.add(pod.status.podIP);
  return { label: ref(pod), pod, namespace: nsOf(pod), labels: pod.metadata.labels ?? {}, ips: [...ips] };
}

/** Namespace labels, with kubernetes.io/metadata.name as the API server sets it; a
 * namespace missing from the list has only that label. */
export function namespaceLabels(namespaces: ReachInput['namespaces']): (namespace: string) => Labels {
  const byName = new Map(namespaces.map((n) => [n.metadata.name, n.metadata.labels ?? {}]));
  return (name) => ({ ...byName.get(name), [NAME_LABEL]: name });
}

/** The container port of `pod` with this name and protocol, as a number. */
export function namedPort(pod: Pod, name: string, protocol: Protocol): number | undefined {
  const containers = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  const found = containers
    .flatMap((c) => c.ports ?? [])
    .find((p) => p.name === name && (p.protocol ?? 'TCP') === protocol);
  return found?.containerPort;
}

export function requestedPort(port: number | string, dst: Pod, protocol: Protocol): { number: number; label: string } {
  const asNumber = typeof port === 'number' ? port : /^\d+$/.test(port) ? Number(port) : undefined;
  if (asNumber !== undefined) {
    if (!Number.isInteger(asNumber) || asNumber < 1 || asNumber > 65535) throw new Error(`reach: port ${String(port)} is not between 1 and 65535`);
    return { number: asNumber, label: String(asNumber) };
  }
  const n = namedPort(dst, String(port), protocol);
  if (n === undefined) throw new Error(`reach: the "to" pod ${ref(dst)} has no ${protocol} container port named "${String(port)}"`);
  return { number: n, label: `${String(port)}(${n})` };
}

/** The policyTypes the API server would store: explicit, or Ingress plus Egress when the
 * policy has egress rules. */
export function policyTypesOf(policy: NetworkPolicy): PolicyType[] {
  const explicit = policy.spec.policyTypes ?? [];
  if (explicit.length > 0) return explicit;
  return (policy.spec.egress ?? []).length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The direction is checked on `subject` (the destination for Ingress, the source for
 * Egress); `peer` is the other end. */
function evaluateDirection(type: PolicyType, subject: Endpoint, peer: Endpoint, ctx: Context): DirectionResult {
  const dir = type === 'Ingress' ? 'ingress' : 'egress';
  const selecting = ctx.policies.filter(
    (p) => nsOf(p) === subject.namespace && matches(p.spec.podSelector ?? {}, subject.labels) && policyTypesOf(p).includes(type),
  );
  if (selecting.length === 0) return { allowed: true, reason: `no NetworkPolicy selects ${subject.label} for ${dir}` };

  const hints: string[] = [];
  for (const policy of selecting) {
    const rules =
      type === 'Ingress'
        ? (policy.spec.ingress ?? []).map((r) => ({ peers: r.from ?? [], ports: r.ports ?? [] }))
        : (policy.spec.egress ?? []).map((r) => ({ peers: r.to ?? [], ports: r.ports ?? [] }));
    for (const [i, { peers, ports }] of rules.entries()) {
      const peerOk = peers.length === 0 || peers.some((x) => peerMatches(x, nsOf(policy), peer, ctx));
      const portOk = ports.length === 0 || ports.some((p) => portMatches(p, ctx));
      const where = `${dir} rule ${i + 1} of ${ref(policy)}`;
      if (peerOk && portOk) {
        const verb = type === 'Ingress' ? `ingress to ${subject.label}` : `egress from ${subject.label}`;
        return { allowed: true, reason: `${verb} is allowed by NetworkPolicy ${ref(policy)} (${dir} rule ${i + 1})` };
      }
      if (peerOk) hints.push(`${where} matches ${peer.label} but only on ${ports.map((p) => describePort(p, ctx)).join(', ')}`);
      else if (portOk) hints.push(`${where} allows this port only ${type === 'Ingress' ? 'from' : 'to'} ${peers.map((x) => describePeer(x, nsOf(policy))).join(' or ')}`);
    }
  }
  const names = selecting.map(ref).join(', ');
  const who = selecting.length === 1 ? `NetworkPolicy ${names} selects` : `NetworkPolicies ${names} select`;
  const hint = hints.length > 0 ? ` (${hints.slice(0, 3).join('; ')})` : '';
  return { allowed: false, reason: `${who} ${subject.label} for ${dir} and no rule allows it${hint}` };
}

/** A peer with ipBlock matches by IP only; otherwise the peer must be a pod, in the policy's
 * namespace unless namespaceSelector says which namespaces, matching podSelector if given. */
function peerMatches(peer: NetworkPolicyPeer, policyNamespace: string, ep: Endpoint, ctx: Context): boolean {
  if (peer.ipBlock !== undefined) {
    const block = peer.ipBlock;
    return ep.ips.some((ip) => ipBlockContains(block, ip));
  }
  if (peer.podSelector === undefined && peer.namespaceSelector === undefined) return false; // invalid: selects nothing
  if (ep.pod === undefined || ep.namespace === undefined) return false;
  const nsOk = peer.namespaceSelector === undefined ? ep.namespace === policyNamespace : matches(peer.namespaceSelector, ctx.nsLabels(ep.namespace));
  return nsOk && (peer.podSelector === undefined || matches(peer.podSelector, ep.labels));
}

/** Named ports are looked up on the destination pod, for ingress and egress rules alike. */
function portMatches(p: NetworkPolicyPort, ctx: Context): boolean {
  if ((p.protocol ?? 'TCP') !== ctx.protocol) return false;
  if (p.port === undefined) return true;
  if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) return ctx.dstPod !== undefined && namedPort(ctx.dstPod, p.port, ctx.protocol) === ctx.port;
  const start = Number(p.port);
  return p.endPort === undefined ? ctx.port === start : ctx.port >= start && ctx.port <= p.endPort;
}

function describePort(p: NetworkPolicyPort, ctx: Context): string {
  const protocol = p.protocol ?? 'TCP';
  if (p.port === undefined) return `any port/${protocol}`;
  if (typeof p.port === 'string' && !/^\d+$/.test(p.port)) {
    if (ctx.dstPod === undefined) return `"${p.port}"/${protocol}, a pod's port name (no address has it)`;
    const n = namedPort(ctx.dstPod, p.port, protocol);
    const dst = ref(ctx.dstPod);
    return n === undefined ? `"${p.port}"/${protocol}, a port name ${dst} does not define` : `"${p.port}"(${n})/${protocol}`;
  }
  return `${p.port}${p.endPort === undefined ? '' : `-${p.endPort}`}/${protocol}`;
}

function describePeer(peer: NetworkPolicyPeer, policyNamespace: string): string {
  if (peer.ipBlock !== undefined) {
    const except = peer.ipBlock.except ?? [];
    return `ipBlock ${peer.ipBlock.cidr}${except.length > 0 ? ` except ${except.join(', ')}` : ''}`;
  }
  const { podSelector: pod, namespaceSelector: ns } = peer;
  const pods = pod === undefined || isEmptySelector(pod) ? 'all pods' : `pods ${formatSelector(pod)}`;
  const where = ns === undefined ? `namespace ${policyNamespace}` : isEmptySelector(ns) ? 'all namespaces' : `namespaces ${formatSelector(ns)}`;
  return `${pods} in ${where}`;
}
