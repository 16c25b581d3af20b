import assert from 'node:assert/strict';
import { test } from 'vitest';
import { cidrContains, ipBlockContains, parseCIDR, parseIP } from './ip-block.ts';

test('parseIP: IPv4', () => {
  assert.deepEqual(parseIP('10.0.0.1'), { version: 4, value: 0x0a000001n });
  assert.deepEqual(parseIP('255.255.255.255'), { version: 4, value: 0xffffffffn });
  for (const bad of ['10.0.0', '10.0.0.256', '10.0.0.01', '10.0.0.1.2', 'a.b.c.d', '', '1.2.3.-4']) {
    assert.equal(parseIP(bad), undefined, bad);
  }
});

test('parseIP: IPv6, with :: and an embedded IPv4 address', () => {
  assert.deepEqual(parseIP('::'), { version: 6, value: 0n });
  assert.deepEqual(parseIP('::1'), { version: 6, value: 1n });
  assert.deepEqual(parseIP('fd00::'), { version: 6, value: 0xfd00n << 112n });
  assert.deepEqual(parseIP('2001:db8:0:0:0:0:0:1'), parseIP('2001:DB8::1'));
  assert.deepEqual(parseIP('::ffff:10.0.0.1'), { version: 6, value: (0xffffn << 32n) | 0x0a000001n });
  assert.deepEqual(parseIP('1:2:3:4:5:6:7:8'), { version: 6, value: 0x00010002000300040005000600070008n });
  for (const bad of ['1:2:3:4:5:6:7', '1:2:3:4:5:6:7:8:9', '1::2::3', ':::', '12345::', 'g::1', '1:2:3:4:5:6:7::8', '1.2.3.4::', 'fe80::1%eth0', ':1::2']) {
    assert.equal(parseIP(bad), undefined, bad);
  }
});

test('parseCIDR clears host bits and checks the prefix length', () => {
  assert.deepEqual(parseCIDR('10.0.0.7/24'), { version: 4, network: 0x0a000000n, prefix: 24 });
  assert.deepEqual(parseCIDR('0.0.0.0/0'), { version: 4, network: 0n, prefix: 0 });
  assert.deepEqual(parseCIDR('fd00::1/64'), { version: 6, network: 0xfd00n << 112n, prefix: 64 });
  for (const bad of ['10.0.0.0', '10.0.0.0/33', '10.0.0.0/-1', '10.0.0.0/24/1', 'fd00::/129', 'x/8', '10.0.0.0/']) {
    assert.equal(parseCIDR(bad), undefined, bad);
  }
});

const contains: [cidr: string, ip: string, want: boolean][] = [
  ['10.0.0.0/24', '10.0.0.0', true],
  ['10.0.0.0/24', '10.0.0.255', true],
  ['10.0.0.0/24', '10.0.1.0', false],
  ['172.17.0.0/16', '172.17.255.1', true],
  ['172.17.0.0/16', '172.18.0.1', false],
  ['0.0.0.0/0', '8.8.8.8', true],
  ['10.0.0.5/32', '10.0.0.5', true],
  ['10.0.0.5/32', '10.0.0.6', false],
  ['fd00::/64', 'fd00::1', true],
  ['fd00::/64', 'fd00:0:0:0:ffff:ffff:ffff:ffff', true],
  ['fd00::/64', 'fd00:0:0:1::1', false],
  ['::/0', '2001:db8::1', true],
  ['2001:db8::/32', '2001:db9::1', false],
  ['10.0.0.0/8', 'fd00::1', false], // families never mix
  ['::/0', '10.0.0.1', false],
  ['10.0.0.0/8', '::ffff:10.1.2.3', true], // IPv4-mapped IPv6 counts as IPv4
  ['10.0.0.0/8', 'not-an-ip', false],
];

for (const [cidr, ip, want] of contains) {
  test(`cidrContains(${cidr}, ${ip}) = ${want}`, () => assert.equal(cidrContains(cidr, ip), want));
}

test('a malformed CIDR is an error naming it', () => {
  assert.throws(() => cidrContains('10.0.0.0/40', '10.0.0.1'), /"10.0.0.0\/40" is not a CIDR/);
});

test('ipBlock: in cidr and not in any except', () => {
  const block = { cidr: '172.17.0.0/16', except: ['172.17.1.0/24'] };
  assert.equal(ipBlockContains(block, '172.17.0.9'), true);
  assert.equal(ipBlockContains(block, '172.17.1.9'), false);
  assert.equal(ipBlockContains(block, '172.16.0.9'), false);
  assert.equal(ipBlockContains({ cidr: '172.17.0.0/16' }, '172.17.1.9'), true);
  const v6 = { cidr: 'fd00::/48', except: ['fd00:0:0:ff::/64'] };
  assert.equal(ipBlockContains(v6, 'fd00::1'), true);
  assert.equal(ipBlockContains(v6, 'fd00:0:0:ff::1'), false);
});
