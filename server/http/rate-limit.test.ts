import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import { addressKey, KeyedLimiter, TokenBucket } from './rate-limit.ts';

test('allows a burst, then the rate', () => {
  let now = 0;
  const b = new TokenBucket(10, 3, () => now);
  assert.deepEqual([b.take(), b.take(), b.take(), b.take()], [true, true, true, false]);
  now += 100; // 0.1 s → 1 token
  assert.deepEqual([b.take(), b.take()], [true, false]);
});

describe('a keyed limiter', () => {
  const limiter = (now: () => number, maxKeys = 10_000) => new KeyedLimiter({ rate: 10 / 60, burst: 10, maxKeys, now });

  test('a flood of 20,000 made-up keys does not reset a recent key, and the table stays bounded', () => {
    let now = 0;
    const l = limiter(() => now);
    for (let i = 0; i < 10; i++) assert.equal(l.take('victim'), true);
    assert.equal(l.take('victim'), false);
    for (let i = 0; i < 20_000; i++) {
      now += 0.1; // 2 s of flood in all: the victim's key stays recent (and refills a third of a token)
      l.take(`made-up-${i}`);
    }
    assert.equal(l.size, 10_000);
    assert.equal(l.take('victim'), false, 'the flood bought fresh attempts');
  });

  test('when every key is recent, a new key is refused rather than evicting one', () => {
    let now = 0;
    const l = limiter(() => now, 3);
    for (const k of ['a', 'b', 'c']) l.take(k);
    assert.equal(l.take('d'), false);
    assert.equal(l.size, 3);
  });

  test('keys idle long enough to have refilled are evicted, oldest first', () => {
    let now = 0;
    const l = limiter(() => now, 3);
    for (let i = 0; i < 10; i++) l.take('a');
    now += 30_000;
    l.take('b');
    l.take('c');
    now += 31_000; // 'a' idle 61 s (refilled), 'b' and 'c' idle 31 s
    assert.equal(l.take('d'), true);
    assert.equal(l.size, 3);
    assert.equal(l.take('e'), false, "'b' and 'c' are still recent");
    now += 30_000;
    assert.equal(l.take('e'), true);
    assert.equal(l.take('f'), true);
    assert.equal(l.size, 3);
  });

  test('keys are independent, and a token given back can be used again', () => {
    let now = 0;
    const l = limiter(() => now);
    for (let i = 0; i < 10; i++) l.take('a');
    assert.equal(l.take('a'), false);
    assert.equal(l.take('b'), true);
    l.give('a');
    assert.deepEqual([l.take('a'), l.take('a')], [true, false]);
  });
});

test('client addresses: IPv4 as is, IPv4-mapped unwrapped, IPv6 by its /64', () => {
  assert.equal(addressKey('203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('::ffff:127.0.0.1'), '127.0.0.1');
  assert.equal(addressKey('2001:db8:1:2:aaaa::1'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:0db8::7'), '2001:db8:0:0::/64');
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
  assert.equal(addressKey(undefined), '');
});
