import assert from 'node:assert/strict';
import { test } from 'vitest';
import { belowMinimum, coverage, coverageMarkdown } from './coverage.ts';

test('coverage counts exercises per OWASP category and CKS domain and names the gaps', () => {
  const c = coverage([
    { name: 'a', tags: ['K01', 'K02', 'cks-cluster-setup', 'rbac'], difficulty: 'beginner' },
    { name: 'b', tags: ['K01', 'cks-cluster-setup'], difficulty: 'advanced' },
  ]);
  assert.deepEqual(c.owasp[0], { tag: 'K01', title: 'Insecure workload configurations', minimum: 2, exercises: ['a', 'b'] });
  assert.deepEqual(c.owasp[1]?.exercises, ['a']);
  assert.deepEqual(c.levels, { beginner: 1, advanced: 1 });
  const gaps = belowMinimum(c).map((r) => r.tag);
  assert.ok(gaps.includes('K02') && gaps.includes('cks-cluster-setup') && !gaps.includes('K01'));
  const md = coverageMarkdown(c);
  assert.match(md, /\| K01 Insecure workload configurations \| 2 \| a, b \|/);
  assert.match(md, /\| K02 Overly permissive authorization \| 1 \| \*\*below 2\*\* a \|/);
});
