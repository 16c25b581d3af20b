import { describe, expect, it } from 'vitest';
import { eventClock, formatDuration, fromLocalInput, toLocalInput } from './time.ts';

describe('time', () => {
  it.each([
    [0, '00:00'],
    [999, '00:00'],
    [61_000, '01:01'],
    [3600_000, '01:00:00'],
    [86400_000 + 61_000, '1d 00:01:01'],
    [-5000, '00:00'],
  ])('formatDuration(%d) is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('eventClock switches phase exactly at the start and at the end', () => {
    const start = '2030-01-01T10:00:00.000Z';
    const end = '2030-01-01T11:00:00.000Z';
    expect(eventClock(start, end, Date.parse(start) - 1).phase).toBe('upcoming');
    expect(eventClock(start, end, Date.parse(start))).toEqual({ phase: 'running', text: '01:00:00 remaining' });
    expect(eventClock(start, end, Date.parse(end))).toEqual({ phase: 'ended', text: 'ended' });
  });

  it('datetime-local values round-trip, and empty or bad ones are refused', () => {
    const d = new Date('2030-06-15T08:30:00.000Z');
    expect(fromLocalInput(toLocalInput(d))).toBe(d.toISOString());
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a date')).toBeUndefined();
  });
});
