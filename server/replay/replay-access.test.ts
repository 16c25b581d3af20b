import { describe, expect, test } from 'vitest';
import { replayAccess, solutionShown } from './replay-access.ts';

const ended = { userId: 7, eventId: 3, exercise: 'x', startedAt: '2026-01-01T00:00:00Z', endedAt: '2026-01-01T01:00:00Z' };
const running = { ...ended, endedAt: undefined };
const practice = { ...ended, eventId: 0 };
const manages = (id: number) => id === 3;

describe('replayAccess', () => {
  test('admins read any replay; instructors only those of events they manage, never practice', () => {
    expect(replayAccess({ id: 1, role: 'admin' }, running, () => false)).toEqual({ ok: true });
    expect(replayAccess({ id: 2, role: 'instructor' }, running, manages)).toEqual({ ok: true });
    expect(replayAccess({ id: 2, role: 'instructor' }, { ...running, eventId: 4 }, manages)).toMatchObject({ ok: false, status: 404 });
    expect(replayAccess({ id: 2, role: 'instructor' }, practice, () => true)).toMatchObject({ ok: false, status: 404 });
  });
  test('the learner reads their own once it ended; before that a 403 that says why', () => {
    expect(replayAccess({ id: 7, role: 'learner' }, ended, () => false)).toEqual({ ok: true });
    expect(replayAccess({ id: 7, role: 'learner' }, practice, () => false)).toEqual({ ok: true });
    expect(replayAccess({ id: 7, role: 'learner' }, running, () => false)).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/ended/) });
  });
  test("another learner, or an unknown session: 404, nothing about it", () => {
    expect(replayAccess({ id: 8, role: 'learner' }, ended, manages)).toEqual({ ok: false, status: 404, error: 'no such session' });
    expect(replayAccess({ id: 1, role: 'admin' }, undefined, () => true)).toEqual({ ok: false, status: 404, error: 'no such session' });
  });
});

describe('solutionShown', () => {
  const mine = { userId: 5 };
  test('shows the staff the solution at once', () => {
    expect(solutionShown({ id: 1, role: 'admin' }, mine, { completed: false, eventOver: false })).toEqual({ shown: true });
    expect(solutionShown({ id: 2, role: 'instructor' }, mine, { completed: false, eventOver: false })).toEqual({ shown: true });
  });
  test('shows the learner the solution only once completed or the event is over', () => {
    expect(solutionShown({ id: 5, role: 'learner' }, mine, { completed: false, eventOver: false })).toMatchObject({ shown: false, why: expect.stringContaining('completed') });
    expect(solutionShown({ id: 5, role: 'learner' }, mine, { completed: true, eventOver: false })).toEqual({ shown: true });
    expect(solutionShown({ id: 5, role: 'learner' }, mine, { completed: false, eventOver: true })).toEqual({ shown: true });
    // an instructor who is also the learner of this session is treated as the learner
    expect(solutionShown({ id: 5, role: 'instructor' }, mine, { completed: false, eventOver: false }).shown).toBe(false);
  });
});
