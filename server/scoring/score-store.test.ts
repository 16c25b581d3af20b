import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, test } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { COMPLETION } from './rules.ts';
import { ScoreStore } from './score-store.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const exercise = { objectiveIds: ['no-cluster-admin', 'app-works'], completionBonus: 50 };
const scope = { userId: 1, eventId: 0, exercise: 'default-sa' };

describe('scores in a real SQLite file', () => {
  let file: string;
  let db: Db;
  beforeEach(() => {
    file = path.join(dir, `${Math.random().toString(36).slice(2)}.db`);
    db = openDatabase(file);
    db.prepare("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (1, 'ada', 'Ada', 'x', 'learner')").run();
  });

  test('the database is in WAL mode and migrations are applied once', () => {
    assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
    db.close();
    const again = openDatabase(file);
    const applied = (again.prepare('SELECT name FROM schema_migrations ORDER BY name').all() as { name: string }[]).map((r) => r.name);
    const files = readdirSync(path.join(import.meta.dirname, '..', 'db', 'migrations')).filter((f) => f.endsWith('.sql')).sort();
    assert.ok(files.includes('006-event-policy.sql'));
    assert.deepEqual(applied, files);
    again.close();
  });

  test('an objective is awarded once, whatever the retries or regressions', () => {
    const store = new ScoreStore(db);
    assert.deepEqual(store.awardObjective(scope, { id: 'no-cluster-admin', points: 100 }, exercise), { awarded: true, bonusAwarded: false });
    db.prepare("INSERT INTO sessions (id, user_id, exercise) VALUES ('s1', 1, 'default-sa')").run();
    store.recordResult('s1', 'no-cluster-admin', 'regressed', 'the binding is back');
    store.recordResult('s1', 'no-cluster-admin', 'met', 'fixed again');
    assert.deepEqual(store.awardObjective(scope, { id: 'no-cluster-admin', points: 100 }, exercise), { awarded: false, bonusAwarded: false });
    assert.equal(store.score(1, 0), 100);
  });

  test('two connections racing on the same award write one row', () => {
    const other = openDatabase(file);
    const a = new ScoreStore(db).awardObjective(scope, { id: 'app-works', points: 30 }, exercise);
    const b = new ScoreStore(other).awardObjective(scope, { id: 'app-works', points: 30 }, exercise);
    assert.equal(Number(a.awarded) + Number(b.awarded), 1);
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM awards').get() as { n: number }).n, 1);
    other.close();
  });

  test('completing every objective adds the completion bonus once', () => {
    const store = new ScoreStore(db);
    store.awardObjective(scope, { id: 'no-cluster-admin', points: 100 }, exercise);
    assert.deepEqual(store.awardObjective(scope, { id: 'app-works', points: 30 }, exercise), { awarded: true, bonusAwarded: true });
    assert.deepEqual(store.awardObjective(scope, { id: 'app-works', points: 30 }, exercise), { awarded: false, bonusAwarded: false });
    assert.equal((db.prepare('SELECT points FROM awards WHERE objective = ?').get(COMPLETION) as { points: number }).points, 50);
    assert.equal(store.score(1, 0), 180);
  });

  test("a hint's cost is charged once", () => {
    const store = new ScoreStore(db);
    assert.deepEqual(store.revealHint(scope, 'no-cluster-admin', 0, 10), { charged: true });
    assert.deepEqual(store.revealHint(scope, 'no-cluster-admin', 0, 10), { charged: false });
    assert.equal(store.score(1, 0), -10);
  });

  test('awards are kept per event', () => {
    const store = new ScoreStore(db);
    db.prepare("INSERT INTO events (id, name, join_code, starts_at, ends_at, created_by) VALUES (7, 'ctf', 'ABC', '2026-01-01', '2999-01-02', 1)").run();
    store.awardObjective(scope, { id: 'no-cluster-admin', points: 100 }, exercise);
    assert.equal(store.awardObjective({ ...scope, eventId: 7 }, { id: 'no-cluster-admin', points: 100 }, exercise).awarded, true);
    assert.equal(store.score(1, 7), 100);
  });

  test('a hint revealed in practice is charged when the objective is solved in an event', () => {
    const store = new ScoreStore(db);
    db.prepare("INSERT INTO events (id, name, join_code, starts_at, ends_at, created_by) VALUES (7, 'ctf', 'ABC', '2026-01-01', '2999-01-02', 1)").run();
    const event = { ...scope, eventId: 7 };
    store.revealHint(scope, 'no-cluster-admin', 0, 10);
    store.revealHint(scope, 'no-cluster-admin', 1, 15);
    store.revealHint(scope, 'app-works', 0, 5); // another objective: not charged
    store.revealHint(event, 'no-cluster-admin', 1, 15); // already paid in the event: not twice
    store.awardObjective(event, { id: 'no-cluster-admin', points: 100 }, exercise);
    assert.equal(store.score(1, 7), 100 - 10 - 15);
    assert.deepEqual(store.revealedHints(event), new Set(['no-cluster-admin#0', 'no-cluster-admin#1']));
    assert.equal(store.score(1, 0), -30, 'practice is charged as before');
    store.awardObjective(event, { id: 'no-cluster-admin', points: 100 }, exercise);
    assert.equal(store.score(1, 7), 75, 'a repeated award charges nothing more');
  });

  test('a practice solve does not charge hints to any event', () => {
    const store = new ScoreStore(db);
    store.revealHint(scope, 'no-cluster-admin', 0, 10);
    store.awardObjective(scope, { id: 'no-cluster-admin', points: 100 }, exercise);
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM hint_reveals').get() as { n: number }).n, 1);
  });

  test('an event awards nothing before its start or after its end, but does during a learner’s extra time', () => {
    db.prepare("INSERT INTO events (id, name, join_code, starts_at, ends_at, created_by) VALUES (7, 'CTF', 'ABCDEFGH', '2026-01-01T10:00:00.000Z', '2026-01-01T12:00:00.000Z', 1)").run();
    let now = new Date('2026-01-01T09:59:00.000Z');
    const store = new ScoreStore(db, () => now);
    const inEvent = { ...scope, eventId: 7 };
    assert.deepEqual(store.awardObjective(inEvent, { id: 'app-works', points: 30 }, exercise), { awarded: false, bonusAwarded: false, closed: true });
    now = new Date('2026-01-01T12:00:00.000Z');
    assert.equal(store.awardObjective(inEvent, { id: 'app-works', points: 30 }, exercise).closed, true);
    db.prepare('INSERT INTO event_extensions (event_id, user_id, minutes) VALUES (7, 1, 5)').run();
    assert.deepEqual(store.awardObjective(inEvent, { id: 'app-works', points: 30 }, exercise), { awarded: true, bonusAwarded: false });
    now = new Date('2026-01-01T12:05:00.000Z');
    assert.equal(store.awardObjective(inEvent, { id: 'no-cluster-admin', points: 100 }, exercise).closed, true);
    assert.equal(store.score(1, 7), 30);
    // practice is always open
    assert.equal(store.awardObjective(scope, { id: 'app-works', points: 30 }, exercise).awarded, true);
  });

  test('hints seen in practice or another event are charged to the event at its own price', () => {
    const store = new ScoreStore(db);
    db.prepare("INSERT INTO events (id, name, join_code, starts_at, ends_at, created_by, hint_cost_multiplier) VALUES (7, 'double', 'AAA', '2026-01-01', '2999-01-02', 1, 2)").run();
    db.prepare("INSERT INTO events (id, name, join_code, starts_at, ends_at, created_by) VALUES (8, 'other', 'BBB', '2026-01-01', '2999-01-02', 1)").run();
    const objective = { id: 'no-cluster-admin', points: 100, hints: [{ cost: 10 }, { cost: 15 }] };
    store.revealHint(scope, 'no-cluster-admin', 0, 10); // practice, at its base price
    store.revealHint({ ...scope, eventId: 8 }, 'no-cluster-admin', 1, 15); // another event
    store.awardObjective({ ...scope, eventId: 7 }, objective, exercise);
    assert.deepEqual(db.prepare('SELECT hint_index, cost FROM hint_reveals WHERE event_id = 7 ORDER BY hint_index').all(), [{ hint_index: 0, cost: 20 }, { hint_index: 1, cost: 30 }]);
    assert.equal(store.score(1, 7), 100 - 50);
  });
});
