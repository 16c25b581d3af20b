import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { CompetencyTally } from '../protocol/rest.ts';
import { attempts, competencyReport, hardestFirst, median, tally, type ExerciseFacts, type ReportFacts } from './competency.ts';

// Two exercises: rbac (K02, cks-cluster-hardening; objectives a, b) and secrets (K03; one objective).
const LIBRARY: Record<string, { tags: string[]; objectiveIds: string[] }> = {
  rbac: { tags: ['rbac', 'K02', 'cks-cluster-hardening'], objectiveIds: ['a', 'b'] },
  secrets: { tags: ['K03', 'cks-microservice-vulnerabilities'], objectiveIds: ['s'] },
};
const library: ExerciseFacts = (n) => LIBRARY[n];
const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function facts(over: Partial<ReportFacts> = {}): ReportFacts {
  return { sessions: [], awards: [], hints: [], regressions: [], people: [], teams: [], ...over };
}
const session = (userId: number, exercise: string, minute: number, eventId = 7) => ({ userId, eventId, exercise, startedAt: at(minute) });
const award = (userId: number, exercise: string, objective: string, minute: number, eventId = 7) => ({ userId, eventId, exercise, objective, awardedAt: at(minute) });
const hint = (userId: number, exercise: string, cost: number, eventId = 7) => ({ userId, eventId, exercise, cost });

describe('attempts: one learner, one exercise, one scope', () => {
  test('solved when every objective is awarded; time from the first session start to the last objective award', () => {
    const list = attempts(
      facts({
        sessions: [session(1, 'rbac', 10), session(1, 'rbac', 0)],
        awards: [award(1, 'rbac', 'a', 5), award(1, 'rbac', 'b', 30), award(1, 'rbac', '*', 30)],
        hints: [hint(1, 'rbac', 10), hint(1, 'rbac', 5)],
        regressions: [{ userId: 1, eventId: 7, exercise: 'rbac', count: 2 }],
      }),
      library,
    );
    assert.deepEqual(list, [{ userId: 1, eventId: 7, exercise: 'rbac', solved: true, minutesToSolve: 30, hints: 2, hintPoints: 15, regressions: 2 }]);
  });

  test('one objective of two is not solved; the same exercise in practice is another attempt', () => {
    const list = attempts(facts({ sessions: [session(1, 'rbac', 0), session(1, 'rbac', 0, 0)], awards: [award(1, 'rbac', 'a', 5), award(1, 'rbac', 'a', 9, 0), award(1, 'rbac', 'b', 12, 0)] }), library);
    assert.deepEqual(list.map((a) => [a.eventId, a.solved, a.minutesToSolve]), [[7, false, null], [0, true, 12]]);
  });

  test('a hint or an award without a session is an attempt, with no known time; a session after the solve gives none either', () => {
    const list = attempts(facts({ sessions: [session(2, 'secrets', 50)], awards: [award(1, 'secrets', 's', 3), award(2, 'secrets', 's', 40)], hints: [hint(3, 'rbac', 10)] }), library);
    assert.deepEqual(list.map((a) => [a.userId, a.exercise, a.solved, a.minutesToSolve, a.hintPoints]), [[2, 'secrets', true, null, 0], [1, 'secrets', true, null, 0], [3, 'rbac', false, null, 10]]);
  });

  test('an exercise that no longer loads is solved by its completion award', () => {
    const list = attempts(facts({ sessions: [session(1, 'gone', 0), session(2, 'gone', 0)], awards: [award(1, 'gone', 'x', 4), award(1, 'gone', '*', 8), award(2, 'gone', 'x', 4)] }), library);
    assert.deepEqual(list.map((a) => [a.userId, a.solved, a.minutesToSolve]), [[1, true, 8], [2, false, null]]);
  });
});

describe('tallies and their order', () => {
  test('median of none, odd and even counts', () => {
    assert.equal(median([]), null);
    assert.equal(median([9, 1, 5]), 5);
    assert.equal(median([4, 1, 10, 2]), 3);
  });

  test('a tally sums hints and regressions, rates solves and rounds the median to a tenth', () => {
    const a = { userId: 1, eventId: 7, exercise: 'rbac', hints: 1, hintPoints: 10, regressions: 1 };
    assert.deepEqual(tally([{ ...a, solved: true, minutesToSolve: 10 / 3 }, { ...a, solved: false, minutesToSolve: null }, { ...a, solved: true, minutesToSolve: 5 }, { ...a, solved: false, minutesToSolve: null }]), {
      attempted: 4, solved: 2, solveRate: 0.5, hints: 4, hintPoints: 40, regressions: 4, medianMinutesToSolve: 4.2,
    });
    assert.deepEqual(tally([]), { attempted: 0, solved: 0, solveRate: null, hints: 0, hintPoints: 0, regressions: 0, medianMinutesToSolve: null });
  });

  test('hardest first: lowest solve rate, then most hints, regressions, slowest; never attempted last; ties keep their order', () => {
    const t = (name: string, solveRate: number | null, hints = 0, regressions = 0, medianMinutesToSolve: number | null = null) =>
      ({ name, attempted: solveRate === null ? 0 : 2, solved: 0, solveRate, hints, hintPoints: 0, regressions, medianMinutesToSolve }) as CompetencyTally & { name: string };
    const order = hardestFirst([t('never', null), t('easy', 1), t('tie1', 0.5), t('slow', 0.5, 0, 0, 40), t('tie2', 0.5), t('hinted', 0.5, 3), t('hard', 0), t('regressed', 0.5, 3, 1)]).map((r) => r.name);
    assert.deepEqual(order, ['hard', 'regressed', 'hinted', 'slow', 'tie1', 'tie2', 'easy', 'never']);
  });
});

describe('competencyReport', () => {
  const room = facts({
    people: [{ id: 2, name: 'Bob', teamId: 1 }, { id: 1, name: 'Ada', teamId: 1 }, { id: 3, name: 'Cy' }],
    teams: [{ id: 1, name: 'red' }, { id: 2, name: 'empty' }],
    sessions: [session(1, 'rbac', 0), session(1, 'secrets', 0), session(2, 'rbac', 0), session(2, 'secrets', 10)],
    awards: [award(1, 'rbac', 'a', 5), award(1, 'rbac', 'b', 20), award(1, 'secrets', 's', 10), award(2, 'secrets', 's', 40)],
    hints: [hint(2, 'rbac', 10), hint(2, 'rbac', 20)],
    regressions: [{ userId: 2, eventId: 7, exercise: 'rbac', count: 1 }],
  });
  const r = competencyReport(room, library, { kind: 'event', eventId: 7, name: 'CTF' }, new Date(T0));

  test('the room: every OWASP category and CKS domain, the hardest first, and the exercises attempted', () => {
    assert.equal(r.generatedAt, at(0));
    assert.deepEqual(r.room.total, { attempted: 4, solved: 3, solveRate: 0.75, hints: 2, hintPoints: 30, regressions: 1, medianMinutesToSolve: 20 });
    assert.equal(r.room.categories.length, 16);
    assert.deepEqual(r.room.categories.slice(0, 4).map((c) => [c.tag, c.curriculum, c.attempted, c.solved, c.solveRate]), [
      ['K02', 'owasp', 2, 1, 0.5],
      ['cks-cluster-hardening', 'cks', 2, 1, 0.5],
      ['K03', 'owasp', 2, 2, 1],
      ['cks-microservice-vulnerabilities', 'cks', 2, 2, 1],
    ]);
    assert.equal(r.room.categories.find((c) => c.tag === 'K02')!.title, 'Overly permissive authorization');
    assert.deepEqual(r.room.categories.slice(4).map((c) => c.tag), ['K01', 'K04', 'K05', 'K06', 'K07', 'K08', 'K09', 'K10', 'cks-cluster-setup', 'cks-system-hardening', 'cks-supply-chain', 'cks-monitoring-logging-runtime']);
    assert.deepEqual(r.room.exercises.map((e) => [e.name, e.solveRate, e.hints, e.regressions, e.medianMinutesToSolve, e.tags]), [
      ['rbac', 0.5, 2, 1, 20, ['rbac', 'K02', 'cks-cluster-hardening']],
      ['secrets', 1, 0, 0, 20, ['K03', 'cks-microservice-vulnerabilities']],
    ]);
  });

  test('learners by name with their team and the categories they attempted; one who did nothing has zeros', () => {
    assert.deepEqual(r.learners.map((l) => [l.name, l.team, l.total.attempted, l.total.solved, l.total.hintPoints]), [['Ada', 'red', 2, 2, 0], ['Bob', 'red', 2, 1, 30], ['Cy', undefined, 0, 0, 0]]);
    const bob = r.learners[1]!;
    assert.deepEqual(bob.categories.map((c) => [c.tag, c.solveRate]), [['K02', 0], ['cks-cluster-hardening', 0], ['K03', 1], ['cks-microservice-vulnerabilities', 1]]);
    assert.deepEqual(bob.exercises.map((e) => [e.name, e.solved, e.medianMinutesToSolve]), [['rbac', 0, null], ['secrets', 1, 30]]);
    assert.deepEqual(r.learners[2]!.categories, []);
    assert.equal('team' in r.learners[2]!, false);
  });

  test('teams add up their members; a team without members has zeros', () => {
    assert.deepEqual(r.teams.map((t) => [t.name, t.total.attempted, t.total.solved, t.total.regressions, t.total.medianMinutesToSolve]), [['empty', 0, 0, 0, null], ['red', 4, 3, 1, 20]]);
  });
});
