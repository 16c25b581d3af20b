import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenBucket } from './rate-limit.ts';

test('allows a burst, then the rate', () => {
  let now = 0;
  const b = new TokenBucket(10, 3, () => now);
  assert.deepEqual([b.take(), b.take(), b.take(), b.take()], [true, true, true, false]);
  now += 100; // 0.1 s → 1 token
  assert.deepEqual([b.take(), b.take()], [true, false]);
});
