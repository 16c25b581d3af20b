import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { PROBE_SPECS } from '../checks/probes/index.ts';
import { EXERCISES_DIR } from './catalog-context.ts';
import { exerciseJsonSchema } from './json-schema.ts';

test('exercises/schema.json (what editors autocomplete with) matches the schema in code', () => {
  const published = JSON.parse(readFileSync(path.join(EXERCISES_DIR, 'schema.json'), 'utf8'));
  assert.deepEqual(published, JSON.parse(JSON.stringify(exerciseJsonSchema(PROBE_SPECS))), 'stale: run `bin/batten exercise schema` and commit exercises/schema.json');
});
