import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aStanding } from '../test-support.tsx';
import { StandingsTable } from './StandingsTable.tsx';

describe('StandingsTable', () => {
  it('lists rank, name and score per row, in the order given, and a dash when never scored', () => {
    render(
      <StandingsTable title="Teams" kind="team" empty="No teams yet" rows={[
        aStanding({ id: 1, name: 'Red', score: 40, rank: 1, lastScoredAt: '2030-01-01T10:30:00.000Z' }),
        aStanding({ id: 2, name: 'Blue', score: 0, rank: 2, lastScoredAt: null }),
      ]} />,
    );
    expect(screen.getByRole('heading', { name: 'Teams' })).toBeTruthy();
    const [, ...rows] = screen.getAllByRole('row');
    expect(rows.map((r) => within(r).getAllByRole('cell').slice(0, 2).map((c) => c.textContent))).toEqual([
      ['1', '40'],
      ['2', '0'],
    ]);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['Red', 'Blue']);
    expect(within(rows[1]!).getAllByRole('cell')[2]?.textContent).toBe('—');
    expect(within(rows[0]!).getAllByRole('cell')[2]?.textContent).not.toBe('—');
    expect(screen.getByTestId('leaderboard-team-Red').dataset.score).toBe('40');
  });

  it('shows the empty message instead of a table', () => {
    render(<StandingsTable title="Individuals" kind="individual" rows={[]} empty="No one has scored yet." />);
    expect(screen.getByText('No one has scored yet.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
