import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { EXERCISES_DIR, LOAD_CONTEXT } from './catalog-context.ts';
import { belowMinimum, coverageMarkdown, libraryCoverage } from './coverage.ts';
import { loadExercises } from './loader.ts';

test('the README’s coverage table is the library’s, and no category is below its minimum', async () => {
  const c = libraryCoverage(await loadExercises(EXERCISES_DIR, LOAD_CONTEXT));
  const readme = readFileSync(path.join(EXERCISES_DIR, '..', 'README.md'), 'utf8');
  assert.ok(readme.includes(coverageMarkdown(c).trim()), 'stale: paste the output of `bin/batten exercise coverage` into README.md');
  assert.deepEqual(belowMinimum(c).map((r) => r.tag), []);
});
