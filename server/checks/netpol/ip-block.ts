import type { IPBlock } from './types.ts';

/** IPv4 and IPv6 addresses and CIDRs as BigInts, and the NetworkPolicy ipBlock test. Pure. */

export interface IPAddress {
  version: 4 | 6;
  value: bigint;
}

export interface CIDR {
  version: 4 | 6;
  /** The address with the host bits cleared. */
  network: bigint;
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;
const V4_MAPPED_PREFIX = 0xffffn << 32n; // ::ffff:0:0/96

function parseIPv4(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    // Decimal only, no leading zeros (as Go's parser, which Kubernetes validation uses).
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = (value << 8n) | BigInt(n);
  }
  return value;
}

function parseGroups(text: string): bigint[] | undefined {
  if (text === '') return [];
  const groups: bigint[] = [];
  const parts = text.split(':');
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1 && part.includes('.')) {
      const v4 = parseIPv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (/^[0-9a-fA-F]{1,4}$/.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIPv6(text: string): bigint | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = parseGroups(halves[0] ?? '');
  const tail = halves.length === 2 ? parseGroups(halves[1] ?? '') : [];
  if (head === undefined || tail === undefined) return undefined;
  // An embedded IPv4 address may only come last.
  if (halves.length === 2 && (halves[0] ?? '').includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...Array<bigint>(Math.max(missing, 0)).fill(0n), ...tail];
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

/** Parses `10.0.0.1` or `fd00::1`; undefined when the text is not an address. */
export function parseIP(text: string): IPAddress | undefined {
  const t = text.trim();
  if (t.includes(':')) {
    const value = parseIPv6(t);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIPv4(t);
  return value === undefined ? undefined : { version: 4, value };
}

/** Parses `10.0.0.0/24` or `fd00::/64`; undefined when the text is not a CIDR. */
export function parseCIDR(text: string): CIDR | undefined {
  const [addr, len, extra] = text.trim().split('/');
  if (addr === undefined || len === undefined || extra !== undefined || !/^\d{1,3}$/.test(len)) return undefined;
  const ip = parseIP(addr);
  const prefix = Number(len);
  if (ip === undefined || prefix > BITS[ip.version]) return undefined;
  return { version: ip.version, network: ip.value & mask(ip.version, prefix), prefix };
}

function mask(version: 4 | 6, prefix: number): bigint {
  const bits = BigInt(BITS[version]);
  const all = (1n << bits) - 1n;
  return (all << (bits - BigInt(prefix))) & all;
}

/** Whether `ip` lies in `cidr`. An IPv4-mapped IPv6 address (::ffff:a.b.c.d) counts as its
 * IPv4 address against an IPv4 CIDR. Throws on a malformed CIDR; a malformed IP is in none. */
export function cidrContains(cidr: string | CIDR, ip: string | IPAddress): boolean {
  const net = typeof cidr === 'string' ? parseCIDR(cidr) : cidr;
  if (net === undefined) throw new Error(`"${String(cidr)}" is not a CIDR (expected e.g. 10.0.0.0/24 or fd00::/64)`);
  let addr = typeof ip === 'string' ? parseIP(ip) : ip;
  if (addr === undefined) return false;
  if (addr.version === 6 && net.version === 4 && addr.value >> 32n === V4_MAPPED_PREFIX >> 32n) {
    addr = { version: 4, value: addr.value & 0xffffffffn };
  }
  if (addr.version !== net.version) return false;
  return (addr.value & mask(net.version, net.prefix)) === net.network;
}

/** NetworkPolicy ipBlock: in `cidr` and in none of the `except` CIDRs. */
export function ipBlockContains(block: IPBlock, ip: string): boolean {
  return cidrContains(block.cidr, ip) && !(block.except ?? []).some((e) => cidrContains(e, ip));
}

/** An address as text that nft and Go parse alike: dotted IPv4, or IPv6 as eight hex groups. */
export function formatIP(version: 4 | 6, value: bigint): string {
  if (version === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  return Array.from({ length: 8 }, (_, i) => ((value >> BigInt(112 - 16 * i)) & 0xffffn).toString(16)).join(':');
}

/** A CIDR as text with its host bits cleared (`10.0.0.0/8` for `10.1.2.3/8`). */
export function formatCIDR(c: CIDR): string {
  return `${formatIP(c.version, c.network)}/${c.prefix}`;
}
