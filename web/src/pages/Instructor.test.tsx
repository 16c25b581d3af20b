import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InstructorGrid } from '../../../server/protocol/rest.ts';
import { anEvent, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { Instructor } from './Instructor.tsx';

const GRID: InstructorGrid = {
  exercises: [{ name: 'pod-escape', objectives: [{ id: 'priv', title: 'No privileged pods' }, { id: 'psa', title: 'PSA enforced' }] }],
  learners: [
    { id: 1, name: 'Ada', team: 'Red', hintsUsed: 2, minutes: 12.6, states: { 'pod-escape/priv': 'met', 'pod-escape/psa': 'regressed' }, seeds: { 'pod-escape': '9f2c41ab07de' } },
    { id: 2, name: 'Bob', hintsUsed: 0, minutes: 0, states: {}, seeds: {} },
  ],
  exerciseTests: [{ name: 'pod-escape', status: 'failed', detail: 'objective psa never met' }],
};

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
  server.on('GET', '/api/events', ok([anEvent({ id: 7, name: 'Spring CTF', joinCode: 'JOIN-7' })]));
});
afterEach(() => vi.unstubAllGlobals());

describe('Instructor page', () => {
  it('shows every learner × objective as a state in words', async () => {
    server.on('GET', '/api/events/7/grid', ok(GRID));
    render(<Instructor eventId={7} />);
    const grid = await screen.findByTestId('grid');
    const ada = within(within(grid).getByRole('rowheader', { name: 'Ada' }).closest('tr')!);
    expect(ada.getAllByRole('cell').map((c) => c.textContent?.replace(/^\W+\s*/, ''))).toEqual(['Red', '2', '13', 'met', 'regressed']);
    expect(screen.getByTestId('grid-cell-2-pod-escape/priv').dataset.state).toBe('not-started');
    expect(screen.getByTestId('grid-cell-2-pod-escape/priv').getAttribute('title')).toBe('Bob · No privileged pods: not started');
    // the seed the learner's names and passwords were drawn from, to help them or check an answer
    expect(screen.getByTestId('grid-cell-1-pod-escape/priv').getAttribute('title')).toBe('Ada · No privileged pods: met · seed 9f2c41ab07de');
    expect(await screen.findByText('JOIN-7')).toBeTruthy();
    expect(screen.getByText('✗ failed')).toBeTruthy();
    expect(screen.getByText('objective psa never met')).toBeTruthy();
  });

  it('says when no learner has joined yet', async () => {
    server.on('GET', '/api/events/7/grid', ok({ ...GRID, learners: [], exerciseTests: [] }));
    render(<Instructor eventId={7} />);
    expect(await screen.findByText('No learners yet')).toBeTruthy();
    expect(screen.queryByTestId('grid')).toBeNull();
    expect(screen.getByText(/No test results yet/)).toBeTruthy();
  });
});
