import assert from 'node:assert/strict';
import { test } from 'vitest';
import { preparedExercises, PREWARM_LEAD_MS } from './prewarm-plan.ts';

const at = (iso: string) => Date.parse(iso);
const event = (startsAt: string, endsAt: string, exercises: string[]) => ({ startsAt, endsAt, exercises });

test('exercises are prepared for events running or about to start, never for past or distant ones', () => {
  const events = [
    event('2026-11-24T09:00:00Z', '2026-11-24T17:00:00Z', ['running']),
    event('2026-11-24T12:10:00Z', '2026-11-24T13:00:00Z', ['soon']),
    event('2026-11-25T09:00:00Z', '2026-11-25T17:00:00Z', ['tomorrow']),
    event('2026-11-23T09:00:00Z', '2026-11-23T17:00:00Z', ['yesterday']),
    event('not a date', '2026-11-24T17:00:00Z', ['broken']),
  ];
  assert.deepEqual([...preparedExercises(events, at('2026-11-24T12:00:00Z'))].sort(), ['running', 'soon']);
  assert.deepEqual([...preparedExercises(events, at('2026-11-24T12:00:00Z'), ['pinned'])].sort(), ['pinned', 'running', 'soon']);
  // the moment an event ends, its clusters are no longer kept
  assert.deepEqual([...preparedExercises(events, at('2026-11-24T17:00:00Z'))], []);
  assert.equal(PREWARM_LEAD_MS, 15 * 60_000);
});
