import assert from 'node:assert/strict';
import { test } from 'vitest';
import { catalog } from './catalog.ts';
import type { ExerciseResult } from './loader.ts';
import type { Exercise } from './schema.ts';

const exercise = (requires: Exercise['requires']): ExerciseResult =>
  ({
    ok: true,
    name: 'x',
    dir: '/x',
    briefing: '',
    setup: [],
    solution: { manifests: [] },
    cheats: [],
    exercise: {
      apiVersion: 'batten.dev/v1',
      kind: 'Exercise',
      metadata: { name: 'x', title: 'X', difficulty: 'beginner', tags: ['rbac'], minutes: 5 },
      requires,
      cluster: {},
      completionBonus: 10,
      objectives: [
        { id: 'a', title: 'A', points: 100, hints: [], pass: [], keep: [] },
        { id: 'b', title: 'B', points: 50, hints: [], pass: [], keep: [] },
      ],
    },
  }) as unknown as ExerciseResult;

test('points add up, with the completion bonus', () => {
  assert.equal(catalog([exercise(['api'])], ['api', 'nodes'])[0]?.points, 160);
});

test('an exercise the provider cannot run is listed as unavailable, with the reason', () => {
  const [e] = catalog([exercise(['api', 'runtime'])], ['api', 'nodes']);
  assert.equal(e?.available, false);
  assert.match(e?.unavailableReason ?? '', /needs runtime/);
});

test('a broken exercise stays listed with its problems', () => {
  const [e] = catalog([{ ok: false, name: 'bad', dir: '/bad', errors: [{ file: 'bad/exercise.yaml', line: 3, path: 'metadata.minutes', message: 'expected a number' }] }], ['api']);
  assert.equal(e?.broken, true);
  assert.match(e?.problems ?? '', /bad\/exercise.yaml:3 metadata.minutes: expected a number/);
});
