import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aBoard } from '../test-support.tsx';
import { niceCeil, ScoreChart } from './ScoreChart.tsx';

const at = (hhmm: string): string => `2030-01-01T${hhmm}:00.000Z`;
const NOW = Date.parse(at('11:00'));

/** The y axis labels, bottom to top (the first three axis labels). */
function yLabels(container: HTMLElement): string[] {
  return [...container.querySelectorAll('text.axis-label')].slice(0, 3).map((t) => t.textContent ?? '');
}
const paths = (container: HTMLElement): string[] => [...container.querySelectorAll('path')].map((p) => p.getAttribute('d') ?? '');

describe('niceCeil (top of the y axis)', () => {
  it.each([
    [0, 10], [7, 10], [10, 10], [11, 20], [20, 20], [21, 25], [26, 50], [51, 100], [100, 100],
    [101, 200], [201, 250], [251, 500], [999, 1000], [1001, 2000], [45000, 50000],
  ])('%d → %d', (n, top) => {
    expect(niceCeil(n)).toBe(top);
  });
});

describe('ScoreChart', () => {
  it('scales the y axis to a round number above the best score', () => {
    const board = aBoard({ series: [{ id: 1, name: 'Red', points: [[at('10:30'), 130]] }] });
    const { container } = render(<ScoreChart board={board} now={NOW} />);
    expect(yLabels(container)).toEqual(['0', '100', '200']);
  });

  it('draws each team as a step line across the time axis, from 0 at the start to now', () => {
    // points out of order: the chart sorts them by time
    const board = aBoard({ series: [{ id: 1, name: 'Red', points: [[at('10:30'), 30], [at('10:15'), 10]] }] });
    const { container } = render(<ScoreChart board={board} now={NOW} />);
    expect(yLabels(container)).toEqual(['0', '25', '50']);
    // x: 10:00 → 44, 11:00 (now) → 704; y: 0 → 232, 50 → 12
    expect(paths(container)).toEqual(['M44.0,232.0 H209.0 V188.0 H374.0 V100.0 H704.0']);
  });

  it('stops the time axis at the end of the event, unless points came later', () => {
    const ended = aBoard({ series: [{ id: 1, name: 'Red', points: [[at('11:00'), 10]] }] });
    const { container, rerender } = render(<ScoreChart board={ended} now={Date.parse(at('15:00'))} />);
    // 10:00 → 12:00 across 660 px: 11:00 is half way
    expect(paths(container)).toEqual(['M44.0,232.0 H374.0 V12.0 H704.0']);

    const late = aBoard({ series: [{ id: 1, name: 'Red', points: [[at('11:00'), 10], [at('14:00'), 10]] }] });
    rerender(<ScoreChart board={late} now={Date.parse(at('15:00'))} />);
    // now 10:00 → 14:00: 11:00 is a quarter of the way
    expect(paths(container)[0]).toMatch(/^M44\.0,232\.0 H209\.0 V12\.0 H704\.0 V12\.0 H704\.0$/);
  });

  it('ignores points with a bad timestamp', () => {
    const board = aBoard({ series: [{ id: 1, name: 'Red', points: [['not a time', 900], [at('10:30'), 20]] }] });
    const { container } = render(<ScoreChart board={board} now={NOW} />);
    expect(yLabels(container)).toEqual(['0', '10', '20']); // 900 did not stretch the axis
    expect(within(screen.getByRole('list', { name: 'Legend' })).getByText(/Red/).textContent).toBe('Red (20)');
  });

  it('names every team in the legend with its latest score, in its own color', () => {
    const board = aBoard({
      series: [
        { id: 1, name: 'Red', points: [[at('10:40'), 25], [at('10:10'), 5]] },
        { id: 2, name: 'Blue', points: [] },
      ],
    });
    const { container } = render(<ScoreChart board={board} now={NOW} />);
    const legend = within(screen.getByRole('list', { name: 'Legend' })).getAllByRole('listitem');
    expect(legend.map((li) => li.textContent)).toEqual(['Red (25)', 'Blue (0)']);
    const strokes = [...container.querySelectorAll('path')].map((p) => p.getAttribute('stroke'));
    expect(new Set(strokes).size).toBe(2);
    expect(screen.queryByText('No points scored yet')).toBeNull();
  });

  it('says when no one has scored yet, with a 0–10 axis', () => {
    const { container } = render(<ScoreChart board={aBoard({ series: [{ id: 1, name: 'Red', points: [] }] })} now={NOW} />);
    expect(screen.getByText('No points scored yet')).toBeTruthy();
    expect(yLabels(container)).toEqual(['0', '5', '10']);
    expect(screen.getByRole('img', { name: 'Team score over time' })).toBeTruthy();
  });
});
