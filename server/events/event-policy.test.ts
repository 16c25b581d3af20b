import { expect, test } from 'vitest';
import { frozenAt, hintCost, isOpen, openWindow } from './event-policy.ts';

const ev = { startsAt: '2026-01-01T10:00:00.000Z', endsAt: '2026-01-01T12:00:00.000Z', freezeMinutes: 30, hintCostMultiplier: 1.5 };
const at = (hhmm: string) => new Date(`2026-01-01T${hhmm}:00.000Z`);

test('an event scores from its start until its end, plus a learner’s extra minutes', () => {
  expect(isOpen(at('09:59'), ev)).toBe(false);
  expect(isOpen(at('10:00'), ev)).toBe(true);
  expect(isOpen(at('11:59'), ev)).toBe(true);
  expect(isOpen(at('12:00'), ev)).toBe(false);
  expect(isOpen(at('12:09'), ev, 10)).toBe(true);
  expect(isOpen(at('12:10'), ev, 10)).toBe(false);
  expect(openWindow(ev, 15).until).toBe('2026-01-01T12:15:00.000Z');
});

test('the learners’ scoreboard freezes for the last minutes, then the final standings show', () => {
  expect(frozenAt(at('11:29'), ev)).toBeUndefined();
  expect(frozenAt(at('11:30'), ev)).toBe('2026-01-01T11:30:00.000Z');
  expect(frozenAt(at('11:59'), ev)).toBe('2026-01-01T11:30:00.000Z');
  expect(frozenAt(at('12:00'), ev)).toBeUndefined();
  expect(frozenAt(at('11:59'), { ...ev, freezeMinutes: 0 })).toBeUndefined();
  // a freeze longer than the event starts with it
  expect(frozenAt(at('10:05'), { ...ev, freezeMinutes: 500 })).toBe('2026-01-01T10:00:00.000Z');
});

test('hint costs follow the event’s multiplier, rounded, never negative', () => {
  expect(hintCost(10, ev)).toBe(15);
  expect(hintCost(15, { hintCostMultiplier: 0 })).toBe(0);
  expect(hintCost(5, { hintCostMultiplier: 0.5 })).toBe(3);
});
