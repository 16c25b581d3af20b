import assert from 'node:assert/strict';
import { test } from 'vitest';
import { memoryFromStat } from './engine.ts';

test('a cgroup v1 memory.stat: the hierarchy totals (the node container and everything in it)', () => {
  const v1 = 'cache 9\nrss 1\nmapped_file 2\ntotal_cache 900\ntotal_rss 415653888\ntotal_mapped_file 341041152\n';
  assert.deepEqual(memoryFromStat(v1), { rssBytes: 756695040, anonBytes: 415653888, pssBytes: 756695040 });
});

test('a cgroup v2 memory.stat: anon and file_mapped', () => {
  assert.deepEqual(memoryFromStat('anon 100\nfile 5000\nfile_mapped 20\nkernel 7\n'), { rssBytes: 120, anonBytes: 100, pssBytes: 120 });
});

test('anything else is no answer, never zeros', () => {
  assert.equal(memoryFromStat(''), undefined);
  assert.equal(memoryFromStat('cat: /sys/fs/cgroup/memory.stat: No such file or directory'), undefined);
  assert.equal(memoryFromStat('total_rss lots\n'), undefined);
});
