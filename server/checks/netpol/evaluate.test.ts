import assert from 'node:assert/strict';
import { test } from 'vitest';
import { evaluateReach, policyTypesOf } from './evaluate.ts';
import type { ContainerPort, Labels, Namespace, NetworkPolicy, NetworkPolicySpec, Pod, PodRef, Protocol } from './types.ts';

// Typed factories for test data. Cases follow the examples of
// https://kubernetes.io/docs/concepts/services-networking/network-policies/ plus edge cases.
const pod = (namespace: string, name: string, labels: Labels | undefined, podIP: string, ports: ContainerPort[] = []): Pod => ({
  metadata: { namespace, name, ...(labels ? { labels } : {}) },
  spec: { containers: [{ name: 'main', ports }] },
  status: { podIP },
});
const ns = (name: string, labels: Labels = {}): Namespace => ({ metadata: { name, labels } });
const np = (namespace: string, name: string, spec: NetworkPolicySpec): NetworkPolicy => ({ metadata: { namespace, name }, spec });
const at = (namespace: string, name: string): PodRef => ({ namespace, name });

const namespaces = [
  ns('default'),
  ns('shop', { team: 'shop' }),
  ns('db', { team: 'data' }),
  ns('myproject', { project: 'myproject' }),
  ns('other'),
  ns('alice', { user: 'alice' }),
  // "lost" is missing on purpose: only its kubernetes.io/metadata.name label is known.
];
// A raw API object as a list call returns it: extra fields, dual-stack podIPs. Assignable to Pod.
const rawDualStackPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { namespace: 'default', name: 'dual', labels: { app: 'dual' }, uid: 'x' },
  spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] },
  status: { phase: 'Running', podIP: '10.0.4.4', podIPs: [{ ip: '10.0.4.4' }, { ip: 'fd00::44' }] },
};
const pods: Pod[] = [
  pod('shop', 'web', { app: 'web' }, '10.1.0.10', [{ name: 'http', containerPort: 80 }]),
  pod('db', 'postgres', { app: 'postgres' }, '10.2.0.10', [{ name: 'pg', containerPort: 5432 }]),
  pod('db', 'client', { role: 'client' }, '10.2.0.11'),
  pod('default', 'db', { role: 'db' }, '10.0.1.10', [{ name: 'redis', containerPort: 6379 }]),
  pod('default', 'frontend', { role: 'frontend' }, '172.16.0.5'),
  pod('default', 'backend', { role: 'backend' }, '172.16.0.6'),
  pod('default', 'cache', { app: 'cache' }, '10.0.0.7'),
  pod('default', 'plain', undefined, '10.0.3.3'),
  pod('default', 'api', { role: 'api' }, '10.0.2.20', [
    { name: 'http', containerPort: 8080, protocol: 'TCP' },
    { name: 'dns', containerPort: 53, protocol: 'UDP' },
  ]),
  pod('myproject', 'worker', { app: 'worker' }, '172.16.1.5'),
  pod('other', 'frontend', { role: 'frontend' }, '172.16.2.5'),
  pod('other', 'in-block', undefined, '172.17.2.4'),
  pod('other', 'in-except', undefined, '172.17.1.4'),
  pod('alice', 'client', { role: 'client' }, '10.3.0.1'),
  pod('alice', 'other', { role: 'other' }, '10.3.0.2'),
  pod('lost', 'pod', { app: 'lost' }, '10.9.0.1'),
  rawDualStackPod,
];

// The documentation's examples.
const defaultDenyIngress = np('db', 'default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
const allowAllIngress = np('db', 'allow-all-ingress', { podSelector: {}, ingress: [{}], policyTypes: ['Ingress'] });
const defaultDenyEgress = np('shop', 'default-deny-egress', { podSelector: {}, policyTypes: ['Egress'] });
const allowAllEgress = np('shop', 'allow-all-egress', { podSelector: {}, egress: [{}], policyTypes: ['Egress'] });
const defaultDenyAll = np('db', 'default-deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
const testNetworkPolicy = np('default', 'test-network-policy', {
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Ingress', 'Egress'],
  ingress: [
    {
      from: [
        { ipBlock: { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] } },
        { namespaceSelector: { matchLabels: { project: 'myproject' } } },
        { podSelector: { matchLabels: { role: 'frontend' } } },
      ],
      ports: [{ protocol: 'TCP', port: 6379 }],
    },
  ],
  egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5978 }] }],
});
const aliceAnd = np('db', 'alice-and', {
  podSelector: { matchLabels: { app: 'postgres' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } }, podSelector: { matchLabels: { role: 'client' } } }] }],
});
const aliceOr = np('db', 'alice-or', {
  podSelector: { matchLabels: { app: 'postgres' } },
  ingress: [{ from: [{ namespaceSelector: { matchLabels: { user: 'alice' } } }, { podSelector: { matchLabels: { role: 'client' } } }] }],
});
const multiPortEgress = np('default', 'multi-port-egress', {
  podSelector: { matchLabels: { role: 'db' } },
  policyTypes: ['Egress'],
  egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 32000, endPort: 32768 }] }],
});
const apiPorts = (name: string, ports: NetworkPolicySpec['ingress']) => np('default', name, { podSelector: { matchLabels: { role: 'api' } }, ingress: ports });

interface Case {
  name: string;
  policies: NetworkPolicy[];
  from: PodRef | { ip: string };
  to: PodRef;
  port: number | string;
  protocol?: Protocol;
  allowed: boolean;
  detail: string;
}

const cases: Case[] = [
  // Default allow.
  { name: 'no policies: everything is allowed', policies: [], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'shop/web → db/postgres:5432/TCP is allowed: no NetworkPolicy selects db/postgres for ingress, and no NetworkPolicy selects shop/web for egress' },
  // Default deny ingress.
  { name: 'default deny ingress', policies: [defaultDenyIngress], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'shop/web → db/postgres:5432/TCP is denied: NetworkPolicy db/default-deny-ingress selects db/postgres for ingress and no rule allows it' },
  { name: 'default deny ingress also denies pods of the same namespace', policies: [defaultDenyIngress], from: at('db', 'client'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'db/default-deny-ingress selects db/postgres for ingress' },
  { name: 'default deny ingress does not restrict egress', policies: [defaultDenyIngress], from: at('db', 'postgres'), to: at('shop', 'web'), port: 80, allowed: true, detail: 'no NetworkPolicy selects db/postgres for egress' },
  // Default allow all ingress: union with the deny.
  { name: 'allow all ingress wins over default deny (union)', policies: [defaultDenyIngress, allowAllIngress], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'ingress to db/postgres is allowed by NetworkPolicy db/allow-all-ingress (ingress rule 1)' },
  // Default deny egress.
  { name: 'default deny egress', policies: [defaultDenyEgress], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'is denied: NetworkPolicy shop/default-deny-egress selects shop/web for egress and no rule allows it' },
  { name: 'default deny egress does not restrict ingress', policies: [defaultDenyEgress], from: at('db', 'client'), to: at('shop', 'web'), port: 80, allowed: true, detail: 'no NetworkPolicy selects shop/web for ingress' },
  { name: 'allow all egress wins over default deny egress', policies: [defaultDenyEgress, allowAllEgress], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'egress from shop/web is allowed by NetworkPolicy shop/allow-all-egress (egress rule 1)' },
  { name: 'default deny all: ingress denied', policies: [defaultDenyAll], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'NetworkPolicy db/default-deny-all selects db/postgres for ingress' },
  { name: 'default deny all: egress denied', policies: [defaultDenyAll], from: at('db', 'postgres'), to: at('shop', 'web'), port: 80, allowed: false, detail: 'NetworkPolicy db/default-deny-all selects db/postgres for egress' },
  { name: 'both directions denied: both are named', policies: [defaultDenyIngress, defaultDenyEgress], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'db/default-deny-ingress selects db/postgres for ingress and no rule allows it; and NetworkPolicy shop/default-deny-egress selects shop/web for egress' },
  // test-network-policy.
  { name: 'test-network-policy: podSelector role=frontend in the same namespace on 6379', policies: [testNetworkPolicy], from: at('default', 'frontend'), to: at('default', 'db'), port: 6379, allowed: true, detail: 'ingress to default/db is allowed by NetworkPolicy default/test-network-policy (ingress rule 1)' },
  { name: 'test-network-policy: the right peer on another port', policies: [testNetworkPolicy], from: at('default', 'frontend'), to: at('default', 'db'), port: 6380, allowed: false, detail: 'ingress rule 1 of default/test-network-policy matches default/frontend but only on 6379/TCP' },
  { name: 'test-network-policy: a pod of another role', policies: [testNetworkPolicy], from: at('default', 'backend'), to: at('default', 'db'), port: 6379, allowed: false, detail: 'allows this port only from ipBlock 172.17.0.0/16 except 172.17.1.0/24 or all pods in namespaces project=myproject or pods role=frontend in namespace default' },
  { name: 'test-network-policy: any pod of a namespace labelled project=myproject', policies: [testNetworkPolicy], from: at('myproject', 'worker'), to: at('default', 'db'), port: 6379, allowed: true, detail: 'allowed by NetworkPolicy default/test-network-policy' },
  { name: 'test-network-policy: podSelector alone means the policy namespace only', policies: [testNetworkPolicy], from: at('other', 'frontend'), to: at('default', 'db'), port: 6379, allowed: false, detail: 'selects default/db for ingress and no rule allows it' },
  { name: 'test-network-policy: ipBlock from an outside IP', policies: [testNetworkPolicy], from: { ip: '172.17.0.9' }, to: at('default', 'db'), port: 6379, allowed: true, detail: '172.17.0.9 → default/db:6379/TCP is allowed' },
  { name: 'test-network-policy: ipBlock except', policies: [testNetworkPolicy], from: { ip: '172.17.1.9' }, to: at('default', 'db'), port: 6379, allowed: false, detail: '172.17.1.9 → default/db:6379/TCP is denied' },
  { name: 'test-network-policy: ipBlock applies to a pod IP', policies: [testNetworkPolicy], from: at('other', 'in-block'), to: at('default', 'db'), port: 6379, allowed: true, detail: 'allowed by NetworkPolicy default/test-network-policy' },
  { name: 'test-network-policy: ipBlock except applies to a pod IP', policies: [testNetworkPolicy], from: at('other', 'in-except'), to: at('default', 'db'), port: 6379, allowed: false, detail: 'default/test-network-policy selects default/db for ingress' },
  { name: 'test-network-policy: egress to 10.0.0.0/24 on 5978', policies: [testNetworkPolicy], from: at('default', 'db'), to: at('default', 'cache'), port: 5978, allowed: true, detail: 'egress from default/db is allowed by NetworkPolicy default/test-network-policy (egress rule 1)' },
  { name: 'test-network-policy: egress to 10.0.0.0/24 on another port', policies: [testNetworkPolicy], from: at('default', 'db'), to: at('default', 'cache'), port: 80, allowed: false, detail: 'egress rule 1 of default/test-network-policy matches default/cache but only on 5978/TCP' },
  { name: 'test-network-policy: egress outside 10.0.0.0/24', policies: [testNetworkPolicy], from: at('default', 'db'), to: at('default', 'frontend'), port: 5978, allowed: false, detail: 'allows this port only to ipBlock 10.0.0.0/24' },
  // namespaceSelector AND podSelector vs OR.
  { name: 'AND: client pod in an alice namespace', policies: [aliceAnd], from: at('alice', 'client'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'allowed by NetworkPolicy db/alice-and' },
  { name: 'AND: another pod in an alice namespace', policies: [aliceAnd], from: at('alice', 'other'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'only from pods role=client in namespaces user=alice' },
  { name: 'AND: client pod in the policy namespace', policies: [aliceAnd], from: at('db', 'client'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'NetworkPolicy db/alice-and selects db/postgres for ingress' },
  { name: 'OR: any pod in an alice namespace', policies: [aliceOr], from: at('alice', 'other'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'allowed by NetworkPolicy db/alice-or' },
  { name: 'OR: client pod in the policy namespace', policies: [aliceOr], from: at('db', 'client'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'allowed by NetworkPolicy db/alice-or' },
  { name: 'OR: neither', policies: [aliceOr], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'only from all pods in namespaces user=alice or pods role=client in namespace db' },
  // endPort.
  { name: 'endPort: start of the range', policies: [multiPortEgress], from: at('default', 'db'), to: at('default', 'cache'), port: 32000, allowed: true, detail: 'egress from default/db is allowed by NetworkPolicy default/multi-port-egress' },
  { name: 'endPort: end of the range is inclusive', policies: [multiPortEgress], from: at('default', 'db'), to: at('default', 'cache'), port: 32768, allowed: true, detail: 'allowed by NetworkPolicy default/multi-port-egress' },
  { name: 'endPort: above the range', policies: [multiPortEgress], from: at('default', 'db'), to: at('default', 'cache'), port: 32769, allowed: false, detail: 'only on 32000-32768/TCP' },
  { name: 'endPort: below the range', policies: [multiPortEgress], from: at('default', 'db'), to: at('default', 'cache'), port: 31999, allowed: false, detail: 'selects default/db for egress' },
  // Named ports.
  { name: 'named port in a policy, numeric port asked', policies: [apiPorts('allow-http', [{ ports: [{ port: 'http' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 8080, allowed: true, detail: 'allowed by NetworkPolicy default/allow-http' },
  { name: 'named port in a policy, named port asked', policies: [apiPorts('allow-http', [{ ports: [{ port: 'http' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 'http', allowed: true, detail: 'default/plain → default/api:http(8080)/TCP is allowed' },
  { name: 'named port in a policy, another port asked', policies: [apiPorts('allow-http', [{ ports: [{ port: 'http' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 9090, allowed: false, detail: 'only on "http"(8080)/TCP' },
  { name: 'named port the destination does not define', policies: [apiPorts('allow-metrics', [{ ports: [{ port: 'metrics' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 9090, allowed: false, detail: '"metrics"/TCP, a port name default/api does not define' },
  { name: 'named port with the wrong protocol does not resolve', policies: [apiPorts('allow-dns-tcp', [{ ports: [{ port: 'dns', protocol: 'TCP' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 53, allowed: false, detail: 'a port name default/api does not define' },
  // Protocols.
  { name: 'UDP rule, TCP connection', policies: [apiPorts('allow-dns', [{ ports: [{ port: 53, protocol: 'UDP' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 53, allowed: false, detail: 'only on 53/UDP' },
  { name: 'UDP rule, UDP connection', policies: [apiPorts('allow-dns', [{ ports: [{ port: 53, protocol: 'UDP' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 53, protocol: 'UDP', allowed: true, detail: 'default/plain → default/api:53/UDP is allowed' },
  { name: 'named UDP port', policies: [apiPorts('allow-dns', [{ ports: [{ port: 'dns', protocol: 'UDP' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 'dns', protocol: 'UDP', allowed: true, detail: 'api:dns(53)/UDP is allowed' },
  { name: 'protocol omitted in the rule means TCP', policies: [apiPorts('allow-8080', [{ ports: [{ port: 8080 }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 8080, protocol: 'SCTP', allowed: false, detail: 'only on 8080/TCP' },
  { name: 'SCTP rule, SCTP connection', policies: [apiPorts('allow-sctp', [{ ports: [{ port: 9000, protocol: 'SCTP' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 9000, protocol: 'SCTP', allowed: true, detail: 'allowed by NetworkPolicy default/allow-sctp' },
  { name: 'a port entry without a port = every port of that protocol', policies: [apiPorts('all-udp', [{ ports: [{ protocol: 'UDP' }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 4242, protocol: 'UDP', allowed: true, detail: 'allowed by NetworkPolicy default/all-udp' },
  { name: 'empty from and empty ports lists = all peers, all ports', policies: [apiPorts('open', [{ from: [], ports: [] }])], from: { ip: '8.8.8.8' }, to: at('default', 'api'), port: 1234, allowed: true, detail: 'allowed by NetworkPolicy default/open (ingress rule 1)' },
  // IPv6.
  { name: 'IPv6 ipBlock, address inside', policies: [apiPorts('v6', [{ from: [{ ipBlock: { cidr: 'fd00::/64', except: ['fd00::ff00/120'] } }] }])], from: { ip: 'fd00::1' }, to: at('default', 'api'), port: 8080, allowed: true, detail: 'fd00::1 → default/api:8080/TCP is allowed' },
  { name: 'IPv6 ipBlock, address in except', policies: [apiPorts('v6', [{ from: [{ ipBlock: { cidr: 'fd00::/64', except: ['fd00::ff00/120'] } }] }])], from: { ip: 'fd00::ff01' }, to: at('default', 'api'), port: 8080, allowed: false, detail: 'only from ipBlock fd00::/64 except fd00::ff00/120' },
  { name: 'IPv6 ipBlock, IPv4 source', policies: [apiPorts('v6', [{ from: [{ ipBlock: { cidr: 'fd00::/64' } }] }])], from: at('default', 'plain'), to: at('default', 'api'), port: 8080, allowed: false, detail: 'selects default/api for ingress' },
  { name: 'IPv6 ipBlock, dual-stack pod (raw API object)', policies: [apiPorts('v6', [{ from: [{ ipBlock: { cidr: 'fd00::/64' } }] }])], from: at('default', 'dual'), to: at('default', 'api'), port: 8080, allowed: true, detail: 'allowed by NetworkPolicy default/v6' },
  // Selectors and namespaces.
  { name: 'a pod without labels is selected by {} and by NotIn', policies: [np('default', 'not-db', { podSelector: { matchExpressions: [{ key: 'role', operator: 'NotIn', values: ['db'] }] }, policyTypes: ['Ingress'] })], from: at('default', 'cache'), to: at('default', 'plain'), port: 80, allowed: false, detail: 'NetworkPolicy default/not-db selects default/plain for ingress' },
  { name: 'a pod without labels matches no podSelector with matchLabels', policies: [np('default', 'from-cache', { podSelector: {}, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'cache' } } }] }] })], from: at('default', 'plain'), to: at('default', 'api'), port: 8080, allowed: false, detail: 'only from pods app=cache in namespace default' },
  { name: 'matchExpressions In/DoesNotExist in the policy podSelector', policies: [np('default', 'expr', { podSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['api', 'db'] }, { key: 'legacy', operator: 'DoesNotExist' }] }, policyTypes: ['Ingress'] })], from: at('default', 'plain'), to: at('default', 'api'), port: 8080, allowed: false, detail: 'NetworkPolicy default/expr selects default/api' },
  { name: 'a policy in another namespace does not apply', policies: [np('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress'] })], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'no NetworkPolicy selects db/postgres for ingress' },
  { name: 'namespaceSelector {} = every namespace', policies: [np('default', 'frontends', { podSelector: { matchLabels: { role: 'db' } }, ingress: [{ from: [{ namespaceSelector: {}, podSelector: { matchLabels: { role: 'frontend' } } }] }] })], from: at('other', 'frontend'), to: at('default', 'db'), port: 6379, allowed: true, detail: 'allowed by NetworkPolicy default/frontends' },
  { name: 'kubernetes.io/metadata.name is set for every namespace', policies: [np('db', 'from-shop', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }] }] })], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'allowed by NetworkPolicy db/from-shop' },
  { name: 'kubernetes.io/metadata.name for a namespace missing from the list', policies: [np('db', 'from-lost', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'lost' } } }] }] })], from: at('lost', 'pod'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'allowed by NetworkPolicy db/from-lost' },
  { name: 'an outside IP never matches pod or namespace selectors', policies: [np('db', 'all-ns', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] })], from: { ip: '10.2.0.11' }, to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'only from all pods in all namespaces' },
  // policyTypes defaulting.
  { name: 'policyTypes omitted with egress rules: Egress applies', policies: [np('shop', 'egress-10-8', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.2.0.0/16' } }] }] })], from: at('shop', 'web'), to: at('default', 'api'), port: 8080, allowed: false, detail: 'NetworkPolicy shop/egress-10-8 selects shop/web for egress' },
  { name: 'policyTypes omitted with egress rules: Ingress applies too and has no rules', policies: [np('shop', 'egress-10-8', { podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.2.0.0/16' } }] }] })], from: at('db', 'postgres'), to: at('shop', 'web'), port: 80, allowed: false, detail: 'NetworkPolicy shop/egress-10-8 selects shop/web for ingress' },
  { name: 'policyTypes omitted without egress rules: egress is not restricted', policies: [np('shop', 'ingress-only', { podSelector: {}, ingress: [{}] })], from: at('shop', 'web'), to: at('default', 'api'), port: 8080, allowed: true, detail: 'no NetworkPolicy selects shop/web for egress' },
  { name: 'policyTypes [Ingress] with egress rules: the egress rules are ignored', policies: [np('shop', 'typed', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{}], egress: [{ to: [{ ipBlock: { cidr: '192.168.0.0/16' } }] }] })], from: at('shop', 'web'), to: at('default', 'api'), port: 8080, allowed: true, detail: 'no NetworkPolicy selects shop/web for egress' },
  // Union and self.
  { name: 'several selecting policies, none allows: all are named', policies: [defaultDenyIngress, aliceAnd], from: at('shop', 'web'), to: at('db', 'postgres'), port: 5432, allowed: false, detail: 'NetworkPolicies db/default-deny-ingress, db/alice-and select db/postgres for ingress and no rule allows it' },
  { name: 'a pod can always reach itself', policies: [defaultDenyAll], from: at('db', 'postgres'), to: at('db', 'postgres'), port: 5432, allowed: true, detail: 'a pod can always connect to itself' },
];

for (const c of cases) {
  test(`reach: ${c.name}`, () => {
    const verdict = evaluateReach({ pods, namespaces, policies: c.policies, from: c.from, to: c.to, port: c.port, ...(c.protocol ? { protocol: c.protocol } : {}) });
    assert.equal(verdict.allowed, c.allowed, verdict.detail);
    assert.ok(verdict.detail.includes(c.detail), `expected "${c.detail}" in:\n${verdict.detail}`);
  });
}

test('reach: at least 25 table cases', () => assert.ok(cases.length >= 25));

test('reach: a missing pod is an error naming it', () => {
  const input = { pods, namespaces, policies: [], port: 80 };
  assert.throws(() => evaluateReach({ ...input, from: at('shop', 'ghost'), to: at('db', 'postgres') }), /the "from" pod shop\/ghost does not exist/);
  assert.throws(() => evaluateReach({ ...input, from: at('shop', 'web'), to: at('db', 'ghost') }), /the "to" pod db\/ghost does not exist/);
});

test('reach: a port name the destination does not define is an error', () => {
  assert.throws(() => evaluateReach({ pods, namespaces, policies: [], from: at('shop', 'web'), to: at('db', 'postgres'), port: 'metrics' }), /db\/postgres has no TCP container port named "metrics"/);
});

test('reach: bad ports, IPs and protocols are errors', () => {
  const input = { pods, namespaces, policies: [], to: at('db', 'postgres') };
  assert.throws(() => evaluateReach({ ...input, from: at('shop', 'web'), port: 70000 }), /port 70000 is not between 1 and 65535/);
  assert.throws(() => evaluateReach({ ...input, from: { ip: '10.0.0.300' }, port: 80 }), /"from" IP "10.0.0.300" is not an IPv4 or IPv6 address/);
  assert.throws(() => evaluateReach({ ...input, from: at('shop', 'web'), port: 80, protocol: 'ICMP' as Protocol }), /protocol "ICMP"/);
});

test('policyTypesOf follows the API server defaulting', () => {
  assert.deepEqual(policyTypesOf(np('a', 'b', { podSelector: {} })), ['Ingress']);
  assert.deepEqual(policyTypesOf(np('a', 'b', { podSelector: {}, egress: [] })), ['Ingress']);
  assert.deepEqual(policyTypesOf(np('a', 'b', { podSelector: {}, egress: [{}] })), ['Ingress', 'Egress']);
  assert.deepEqual(policyTypesOf(np('a', 'b', { podSelector: {}, policyTypes: ['Egress'], ingress: [{}] })), ['Egress']);
});

test('to an address outside the pods (the metadata service): only the source pod’s egress decides', () => {
  const reach = (policies: NetworkPolicy[], port: number | string = 80) => evaluateReach({ pods, namespaces, policies, from: at('shop', 'web'), to: { ip: '169.254.169.254' }, port });
  assert.equal(reach([]).allowed, true, 'no policy: open');
  assert.match(reach([]).detail, /^shop\/web → 169\.254\.169\.254:80\/TCP is allowed/);
  assert.equal(reach([defaultDenyEgress]).allowed, false);
  assert.equal(reach([np('db', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] })]).allowed, true, 'a policy of another namespace does not apply');
  // the usual fix: egress anywhere except the metadata address
  const except = np('shop', 'no-metadata', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] } }] }] });
  assert.equal(reach([except]).allowed, false);
  assert.match(reach([except]).detail, /no rule allows it/);
  assert.equal(evaluateReach({ pods, namespaces, policies: [except], from: at('shop', 'web'), to: { ip: '10.2.0.10' }, port: 5432 }).allowed, true, 'other addresses stay reachable');
  // the cheat: a podSelector peer never matches an address; a named port never matches one either
  assert.equal(reach([np('shop', 'pods-only', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'http' }] }] })]).allowed, false);
  assert.throws(() => reach([], 'http'), /must be a number/);
  assert.throws(() => evaluateReach({ pods, namespaces, policies: [], from: { ip: '10.0.0.1' }, to: { ip: '169.254.169.254' }, port: 80 }), /make one end a pod/);
});
