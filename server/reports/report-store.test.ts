import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { openDatabase, type Db } from '../db/database.ts';
import { EventStore } from '../events/event-store.ts';
import type { Me } from '../protocol/rest.ts';
import { ScoreStore } from '../scoring/score-store.ts';
import { ReportStore } from './report-store.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the report’s rows from a real SQLite file', () => {
  let db: Db;
  let eventId = 0;
  const user = (id: number, name: string, role: Me['role'] = 'learner'): Me => {
    db.prepare('INSERT INTO users (id, username, display_name, password_hash, role) VALUES (?, ?, ?, ?, ?)').run(id, name.toLowerCase(), name, 'x', role);
    return { id, username: name.toLowerCase(), displayName: name, role };
  };

  beforeAll(() => {
    db = openDatabase(path.join(dir, 'batten.db'));
    const [teacher, ada, bob] = [user(1, 'Teacher', 'instructor'), user(2, 'Ada'), user(3, 'Bob')];
    user(4, 'Nobody');
    const events = new EventStore(db);
    // open now: awards in an event are only made while it runs
    const e = events.create(teacher, { name: 'CTF', startsAt: new Date(Date.now() - 3_600_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), exercises: ['rbac'] });
    eventId = e.id;
    events.join(e.joinCode!, ada);
    events.join(e.joinCode!, bob);
    events.createTeam(eventId, 'red', ada);
    const scores = new ScoreStore(db);
    const ex = { objectiveIds: ['a'], completionBonus: 10 };
    scores.startSession('s1', { userId: 2, eventId, exercise: 'rbac' }, 'c1');
    scores.recordResult('s1', 'a', 'met', 'ok');
    scores.recordResult('s1', 'a', 'regressed', 'broke');
    scores.recordResult('s1', 'a', 'regressed', 'broke again');
    scores.awardObjective({ userId: 2, eventId, exercise: 'rbac' }, { id: 'a', points: 50 }, ex, 's1');
    scores.revealHint({ userId: 3, eventId, exercise: 'rbac' }, 'a', 0, 5);
    // practice: in the learner's report, not the event's
    scores.startSession('s2', { userId: 3, eventId: 0, exercise: 'rbac' }, 'c2');
    scores.recordResult('s2', 'a', 'regressed', 'x');
  });
  afterAll(() => db.close());

  test('an event: its members with their teams, its sessions, awards, hints and regressions only', () => {
    const f = new ReportStore(db).eventFacts(eventId);
    assert.deepEqual(f.people.sort((a, b) => a.id - b.id), [{ id: 2, name: 'Ada', teamId: f.teams[0]!.id }, { id: 3, name: 'Bob' }]);
    assert.deepEqual(f.teams.map((t) => t.name), ['red']);
    assert.deepEqual(f.sessions.map((s) => [s.userId, s.eventId, s.exercise]), [[2, eventId, 'rbac']]);
    assert.match(f.sessions[0]!.startedAt, /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(f.awards.map((a) => [a.userId, a.objective]).sort(), [[2, '*'], [2, 'a']]);
    assert.deepEqual(f.hints, [{ userId: 3, eventId, exercise: 'rbac', cost: 5 }]);
    assert.deepEqual(f.regressions, [{ userId: 2, eventId, exercise: 'rbac', count: 2 }]);
  });

  test('a learner: practice and events, only theirs; an unknown id has nobody', () => {
    const store = new ReportStore(db);
    const bob = store.learnerFacts(3);
    assert.deepEqual(bob.people, [{ id: 3, name: 'Bob' }]);
    assert.deepEqual(bob.sessions.map((s) => [s.eventId, s.exercise]), [[0, 'rbac']]);
    assert.deepEqual(bob.hints.map((h) => h.eventId), [eventId]);
    assert.deepEqual(bob.regressions, [{ userId: 3, eventId: 0, exercise: 'rbac', count: 1 }]);
    assert.deepEqual(bob.awards, []);
    assert.deepEqual(store.learnerFacts(99).people, []);
  });
});
