import assert from 'node:assert/strict';
import { test } from 'vitest';
import { usedBytes } from './host-memory.ts';

test('used memory is MemTotal less MemAvailable, in bytes', () => {
  const text = 'MemTotal:       25165824 kB\nMemFree:         1000000 kB\nMemAvailable:   20971520 kB\nBuffers: 1 kB\n';
  assert.equal(usedBytes(text), (25165824 - 20971520) * 1024);
});

test('a meminfo without MemAvailable is an error naming the field', () => {
  assert.throws(() => usedBytes('MemTotal: 1 kB\n'), /no MemAvailable/);
});
