import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TrackProgress, totalTime } from './TrackProgress.tsx';

describe('TrackProgress', () => {
  it('says how many are solved and fills the bar as much', () => {
    render(<TrackProgress solved={3} total={9} testId="p" />);
    expect(screen.getByTestId('p').textContent).toBe('3 of 9 solved');
    const bar = screen.getByRole('progressbar', { name: 'Exercises solved' });
    expect(bar.getAttribute('aria-valuetext')).toBe('3 of 9 solved');
    expect((bar.firstElementChild as HTMLElement).style.width).toBe('33%');
  });

  it('an empty track is an empty bar, not a division by zero', () => {
    render(<TrackProgress solved={0} total={0} />);
    expect((screen.getByRole('progressbar').firstElementChild as HTMLElement).style.width).toBe('0%');
  });
});

describe('totalTime', () => {
  it.each([
    [[10, 15], 'about 25 min'],
    [[30, 30], 'about 1 h'],
    [[60, 25, undefined], 'about 1 h 25 min'],
    [[], 'about 0 min'],
  ])('%o is %s', (minutes, text) => {
    expect(totalTime(minutes)).toBe(text);
  });
});
