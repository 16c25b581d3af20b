import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventClock } from './EventClock.tsx';

const START = '2030-01-01T10:00:00.000Z';
const END = '2030-01-01T12:00:00.000Z';

describe('EventClock', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('counts down to the start, then the time remaining, then says ended', () => {
    vi.setSystemTime(Date.parse(START) - 90_000);
    render(<EventClock startsAt={START} endsAt={END} />);
    const clock = screen.getByRole('timer');
    expect(clock.textContent).toBe('starts in 01:30');
    expect(clock.dataset.phase).toBe('upcoming');

    act(() => vi.advanceTimersByTime(1000));
    expect(clock.textContent).toBe('starts in 01:29');

    act(() => vi.advanceTimersByTime(89_000));
    expect(clock.textContent).toBe('02:00:00 remaining');
    expect(clock.dataset.phase).toBe('running');

    act(() => vi.advanceTimersByTime(2 * 3600_000 - 5000));
    expect(clock.textContent).toBe('00:05 remaining');

    act(() => vi.advanceTimersByTime(5000));
    expect(clock.textContent).toBe('ended');
    expect(clock.dataset.phase).toBe('ended');
  });

  it('shows days for events far ahead', () => {
    vi.setSystemTime(Date.parse(START) - (2 * 86400_000 + 3 * 3600_000 + 4 * 60_000 + 5000));
    render(<EventClock startsAt={START} endsAt={END} />);
    expect(screen.getByRole('timer').textContent).toBe('starts in 2d 03:04:05');
  });
});
