import assert from 'node:assert/strict';
import { test } from 'vitest';
import { scaffoldExercise } from './scaffold.ts';

test('a new exercise has every part of the format, named after it', () => {
  const files = scaffoldExercise('leaky-config');
  assert.deepEqual(Object.keys(files).sort(), ['briefing.md', 'cheats/delete-the-application.sh', 'exercise.yaml', 'setup/app.yaml', 'setup/the-weakness.yaml', 'solution/solution.sh']);
  assert.match(files['exercise.yaml']!, /^# yaml-language-server: \$schema=\.\.\/schema\.json/);
  assert.match(files['exercise.yaml']!, /name: leaky-config/);
  for (const f of Object.values(files)) assert.doesNotMatch(f, /\$\{/, 'no placeholder left');
});

test('a name that is not a DNS label is refused with the rule', () => {
  for (const bad of ['', 'Upper', '-dash', 'dash-', 'a_b', 'x'.repeat(64), '../etc']) {
    assert.throws(() => scaffoldExercise(bad), /lowercase letters, digits and dashes/, bad);
  }
});
