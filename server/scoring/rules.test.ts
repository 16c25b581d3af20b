import assert from 'node:assert/strict';
import { test } from 'vitest';
import { completionEarned, nextState, rank, totalScore } from './rules.ts';

test('states follow verdicts; an error is unknown, never met', () => {
  assert.equal(nextState(false, 'fails'), 'unmet');
  assert.equal(nextState(false, 'holds'), 'met');
  assert.equal(nextState(true, 'fails'), 'regressed');
  assert.equal(nextState(true, 'holds'), 'met');
  assert.equal(nextState(false, 'error'), 'unknown');
  assert.equal(nextState(true, 'error'), 'unknown');
});

test('completion needs every objective awarded', () => {
  assert.equal(completionEarned(['a', 'b'], new Set(['a'])), false);
  assert.equal(completionEarned(['a', 'b'], new Set(['b', 'a'])), true);
  assert.equal(completionEarned([], new Set()), false);
});

test('hint costs are subtracted from awarded points', () => {
  assert.equal(totalScore([{ points: 100 }, { points: 50 }], [{ cost: 10 }, { cost: 5 }]), 135);
  assert.equal(totalScore([], [{ cost: 10 }]), -10);
});

test('ranking: score, then who got there first, then name', () => {
  const r = rank([
    { id: 1, name: 'b', score: 100, lastScoredAt: '2026-01-01T10:05:00Z' },
    { id: 2, name: 'a', score: 100, lastScoredAt: '2026-01-01T10:01:00Z' },
    { id: 3, name: 'c', score: 150, lastScoredAt: '2026-01-01T10:09:00Z' },
    { id: 4, name: 'd', score: 0, lastScoredAt: null },
  ]);
  assert.deepEqual(r.map((x) => [x.id, x.rank]), [[3, 1], [2, 2], [1, 3], [4, 4]]);
});
