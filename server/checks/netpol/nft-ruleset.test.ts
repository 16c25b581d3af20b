import { describe, expect, it } from 'vitest';
import { compileNftRuleset, MAX_NFT_RULES, RulesetTooLarge } from './nft-ruleset.ts';
import type { NetworkPolicy, Pod } from './types.ts';

const pod = (namespace: string, name: string, ip: string, labels: Record<string, string>, ports: { name: string; containerPort: number }[] = []): Pod => ({
  metadata: { namespace, name, labels },
  spec: { containers: [{ name: 'c', ports }] },
  status: { podIP: ip, phase: 'Running' },
});
const policy = (namespace: string, name: string, spec: NetworkPolicy['spec']): NetworkPolicy => ({ metadata: { namespace, name }, spec });
const namespaces = [{ metadata: { name: 'shop' } }, { metadata: { name: 'data', labels: { tier: 'data' } } }];
const web = pod('shop', 'web', '10.244.0.4', { app: 'web' });
const db = pod('data', 'db', '10.244.0.5', { app: 'db' }, [{ name: 'postgres', containerPort: 5432 }]);
const lines = (text: string) => text.split('\n').map((l) => l.trim());

describe('compileNftRuleset', () => {
  it('without policies, replaces the tables: nothing filtered but what is not IPv4 or ARP on the bridge', () => {
    const text = compileNftRuleset({ pods: [web, db], namespaces, policies: [] });
    expect(text.startsWith('table inet batten_netpol\ndelete table inet batten_netpol\n')).toBe(true);
    expect(text).toContain('table bridge batten_netpol\ndelete table bridge batten_netpol\n');
    expect(text).not.toContain('jump');
    expect(text.match(/\bdrop\b/g)).toHaveLength(1);
    expect(lines(text)).toContain('ether type != { ip, arp } drop');
  });

  it('a default deny isolates every selected pod and drops what no rule allows', () => {
    const text = compileNftRuleset({ pods: [web, db], namespaces, policies: [policy('data', 'deny', { podSelector: {} })] });
    expect(lines(text)).toContain('ip daddr 10.244.0.5 jump in_0');
    expect(text).not.toContain('10.244.0.4 jump');
    expect(text).toMatch(/chain in_0 \{\n\s+drop\n\s+\}/);
  });

  it('an ingress rule from a namespace and pod selector (AND) on a named port allows exactly that source and port', () => {
    const allow = policy('data', 'from-web', {
      podSelector: { matchLabels: { app: 'db' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'postgres' }] }],
    });
    const text = compileNftRuleset({ pods: [web, db], namespaces, policies: [allow] });
    expect(lines(text)).toContain('ip saddr 10.244.0.4 tcp dport 5432 accept');
  });

  it('two peers (OR) give one rule each; a peer that selects no pod gives none', () => {
    const other = pod('shop', 'mailer', '10.244.0.6', { app: 'mailer' });
    const allow = policy('data', 'or', {
      podSelector: {},
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }, { podSelector: { matchLabels: { app: 'nobody' } } }] }],
    });
    const text = compileNftRuleset({ pods: [web, db, other], namespaces, policies: [allow] });
    expect(lines(text)).toEqual(expect.arrayContaining(['ip saddr 10.244.0.4 accept', 'ip saddr 10.244.0.6 accept']));
    expect(text.match(/saddr 10\.244\.0\.[46] accept/g)).toHaveLength(2);
    expect(lines(text)).toContain('ip saddr 10.244.0.5 ip daddr 10.244.0.5 accept'); // the isolated pod through its own Service
  });

  it('egress returns for what is allowed (ingress is checked next) and keeps ipBlock exceptions, host bits cleared', () => {
    const egress = policy('shop', 'out', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['169.254.169.254/32', '10.1.2.3/8'] } }], ports: [{ protocol: 'UDP', port: 53 }, { port: 8000, endPort: 8100 }] }],
    });
    const text = compileNftRuleset({ pods: [web, db], namespaces, policies: [egress] });
    expect(lines(text)).toEqual(
      expect.arrayContaining([
        'ip saddr 10.244.0.4 jump out_0',
        'ip daddr 0.0.0.0/0 ip daddr != { 169.254.169.254/32, 10.0.0.0/8 } udp dport 53 return',
        'ip daddr 0.0.0.0/0 ip daddr != { 169.254.169.254/32, 10.0.0.0/8 } tcp dport 8000-8100 return',
      ]),
    );
    const forward = text.slice(text.indexOf('chain forward'), text.indexOf('chain input'));
    const input = text.slice(text.indexOf('chain input'), text.indexOf('chain out_0'));
    expect(forward).toContain('jump out_0');
    expect(input).toContain('ip saddr 10.244.0.4 jump out_0'); // egress to the node itself too
  });

  it('a named egress port resolves on each destination pod that has it', () => {
    const egress = policy('shop', 'out', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ ports: [{ port: 'postgres' }] }] });
    const text = compileNftRuleset({ pods: [web, db], namespaces, policies: [egress] });
    expect(lines(text)).toContain('ip daddr 10.244.0.5 tcp dport 5432 return');
    expect(text).not.toContain('ip daddr 10.244.0.4 tcp');
  });

  it('prints only parsed values: an address or CIDR that is not one, a port out of range, a pod without an address or on the host network are left out', () => {
    const evil = pod('shop', 'evil', '10.244.0.9; flush ruleset', { app: 'web' });
    const host = { ...pod('shop', 'host', '172.18.0.2', { app: 'web' }), spec: { hostNetwork: true } };
    const done = { ...pod('shop', 'done', '10.244.0.10', { app: 'web' }), status: { podIP: '10.244.0.10', phase: 'Succeeded' } };
    const allow = policy('data', 'x', {
      podSelector: {},
      ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8 } ; flush ruleset ; {' } }, { podSelector: {}, namespaceSelector: {} }], ports: [{ port: 70000 }, { port: 'nope' }] }],
    });
    const text = compileNftRuleset({ pods: [web, db, evil, host, done], namespaces, policies: [allow] });
    expect(text).not.toContain('flush');
    expect(text).not.toContain('172.18.0.2');
    expect(text).not.toContain('10.244.0.10');
    expect(text).not.toContain('70000');
    expect(text).toMatch(/chain in_0 \{\n\s+drop\n\s+\}/);
  });

  it('a named port that resolves to no valid port allows nothing, never every port', () => {
    const odd = pod('data', 'odd', '10.244.0.7', { app: 'db' }, [{ name: 'postgres', containerPort: 70000 }]);
    const allow = policy('data', 'from-web', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: {}, namespaceSelector: {} }], ports: [{ port: 'postgres' }] }] });
    const text = compileNftRuleset({ pods: [web, odd], namespaces, policies: [allow] });
    expect(text).not.toMatch(/saddr 10\.244\.0\.4 accept/);
    expect(text).toMatch(/chain in_0 \{\n\s+drop\n\s+\}/);
  });

  it('refuses a ruleset past its size limit instead of working on it', () => {
    const many = Array.from({ length: 150 }, (_, i) => pod('shop', `p${i}`, `10.244.1.${i + 1}`, { app: 'web' }));
    const policies = Array.from({ length: Math.ceil(MAX_NFT_RULES / 150 / 150) + 1 }, (_, i) => policy('shop', `all-${i}`, { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] }));
    expect(() => compileNftRuleset({ pods: many, namespaces, policies })).toThrow(RulesetTooLarge);
  });
});
