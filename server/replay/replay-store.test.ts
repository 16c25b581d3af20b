import { afterEach, expect, test } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import type { ReplayEntry } from '../protocol/rest.ts';
import { ScoreStore } from '../scoring/score-store.ts';
import { ReplayStore } from './replay-store.ts';

let db: Db;
afterEach(() => db?.close());

function setup(bounds?: { maxEntries: number; maxBytes: number }) {
  db = openDatabase(':memory:');
  db.prepare("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (7, 'ann', 'Ann', 'x', 'learner')").run();
  const scores = new ScoreStore(db);
  scores.startSession('s1', { userId: 7, eventId: 0, exercise: 'ex' }, 'c1');
  return { scores, replay: new ReplayStore(db, bounds) };
}

const entry = (at: string, name: string, value = 'x'): ReplayEntry => ({ at, verb: 'update', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'ns', name, manager: 'kubectl-edit', diff: [{ path: 'data.a', before: '"1"', after: JSON.stringify(value) }], more: 0 });

test('entries and objective transitions come back as one timeline, with the session facts', () => {
  const { scores, replay } = setup();
  scores.recordResult('s1', 'o1', 'unmet', 'open');
  expect(replay.record('s1', entry('2999-01-01T00:00:00.000Z', 'cm'))).toBe('kept');
  scores.endSession('s1');
  const v = replay.view('s1')!;
  expect(v).toMatchObject({ sessionId: 's1', userId: 7, eventId: 0, exercise: 'ex', dropped: 0 });
  expect(v.endedAt).toBeDefined();
  expect(v.items.map((i) => i.type)).toEqual(['objective', 'change']);
  expect(v.items[1]).toEqual({ type: 'change', ...entry('2999-01-01T00:00:00.000Z', 'cm') });
  expect(replay.view('nope')).toBeUndefined();
});

test('a session keeps its first entries up to the bounds and counts the rest', () => {
  const { replay } = setup({ maxEntries: 2, maxBytes: 1_000_000 });
  expect(['a', 'b', 'c', 'd'].map((n, i) => replay.record('s1', entry(`2026-01-01T00:00:0${i}.000Z`, n)))).toEqual(['kept', 'kept', 'dropped', 'dropped']);
  const v = replay.view('s1')!;
  expect(v.items.map((i) => (i.type === 'change' ? i.name : ''))).toEqual(['a', 'b']);
  expect(v.dropped).toBe(2);
});

test('the byte bound counts the stored diffs', () => {
  const { replay } = setup({ maxEntries: 100, maxBytes: 170 });
  expect(replay.record('s1', entry('2026-01-01T00:00:00.000Z', 'a', 'y'.repeat(60)))).toBe('kept');
  expect(replay.record('s1', entry('2026-01-01T00:00:01.000Z', 'b', 'y'.repeat(60)))).toBe('dropped');
  expect(replay.record('s1', entry('2026-01-01T00:00:02.000Z', 'c', ''))).toBe('kept');
  expect(replay.view('s1')!.dropped).toBe(1);
});
