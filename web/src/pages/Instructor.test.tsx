import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InstructorGrid } from '../../../server/protocol/rest.ts';
import { closeSocket } from '../socket.ts';
import { anEvent, fail, fakeServer, fakeSocket, ok, type FakeServer } from '../test-support.tsx';
import { Instructor } from './Instructor.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('../test-support.tsx')).fakeIo }));

const GRID: InstructorGrid = {
  exercises: [{ name: 'pod-escape', objectives: [{ id: 'priv', title: 'No privileged pods' }, { id: 'psa', title: 'PSA enforced' }] }],
  learners: [
    { id: 1, name: 'Ada', team: 'Red', hintsUsed: 2, minutes: 12.6, states: { 'pod-escape/priv': 'met', 'pod-escape/psa': 'regressed' }, seeds: { 'pod-escape': '9f2c41ab07de' }, latestSessions: { 'pod-escape': 'sabc123' }, session: { id: 'sabc123', exercise: 'pod-escape', status: 'ready' }, extraMinutes: 0 },
    { id: 2, name: 'Bob', hintsUsed: 0, minutes: 0, states: {}, seeds: {}, latestSessions: {}, extraMinutes: 10 },
  ],
  exerciseTests: [{ name: 'pod-escape', status: 'failed', detail: 'objective psa never met' }],
};

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
  server.on('GET', '/api/events', ok([anEvent({ id: 7, name: 'Spring CTF', joinCode: 'JOIN-7' })]));
});
afterEach(() => {
  closeSocket();
  fakeSocket.reset();
  vi.unstubAllGlobals();
});

describe('Instructor page', () => {
  it('shows every learner × objective as a state in words', async () => {
    server.on('GET', '/api/events/7/grid', ok(GRID));
    render(<Instructor eventId={7} />);
    const grid = await screen.findByTestId('grid');
    const ada = within(within(grid).getByRole('rowheader', { name: 'Ada' }).closest('tr')!);
    expect(ada.getAllByRole('cell').slice(0, 6).map((c) => c.textContent?.replace(/^\W+\s*/, ''))).toEqual(['Red', '2', '13', 'pod-escape (ready)', 'metreplay', 'regressed']);
    expect(screen.getByTestId('grid-cell-2-pod-escape/priv').dataset.state).toBe('not-started');
    expect(screen.getByTestId('grid-cell-2-pod-escape/priv').getAttribute('title')).toBe('Bob · No privileged pods: not started');
    // the seed the learner's names and passwords were drawn from, to help them or check an answer
    expect(screen.getByTestId('grid-cell-1-pod-escape/priv').getAttribute('title')).toBe('Ada · No privileged pods: met · seed 9f2c41ab07de');
    expect(await screen.findByText('JOIN-7')).toBeTruthy();
    expect(screen.getByText('✗ failed')).toBeTruthy();
    expect(screen.getByText('objective psa never met')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Competency report' }).getAttribute('href')).toBe('#/events/7/report');
    expect(within(screen.getByTestId('grid-cell-1-pod-escape/priv')).getByRole('link', { name: 'replay' }).getAttribute('href')).toBe('#/sessions/sabc123/replay');
  });

  it('follows the grid the server pushes for this event only, without polling', async () => {
    server.on('GET', '/api/events/7/grid', ok(GRID));
    render(<Instructor eventId={7} />);
    await screen.findByTestId('grid');
    expect(fakeSocket.sentOf('grid:watch')).toEqual([{ eventId: 7 }]);
    const gets = server.requests.filter((r) => r.path === '/api/events/7/grid').length;
    act(() => fakeSocket.serverSends('grid:update', { eventId: 8, ...GRID, learners: [] }));
    expect(screen.getByTestId('grid-cell-1-pod-escape/psa').dataset.state).toBe('regressed');
    act(() => fakeSocket.serverSends('grid:update', { eventId: 7, ...GRID, learners: [{ ...GRID.learners[0]!, states: { 'pod-escape/priv': 'met', 'pod-escape/psa': 'met' } }] }));
    expect(screen.getByTestId('grid-cell-1-pod-escape/psa').dataset.state).toBe('met');
    expect(screen.queryByRole('rowheader', { name: 'Bob' })).toBeNull();
    // after a reconnect, it asks again
    act(() => fakeSocket.serverSends('connect'));
    expect(fakeSocket.sentOf('grid:watch')).toHaveLength(2);
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests.filter((r) => r.path === '/api/events/7/grid').length).toBe(gets);
  });

  it('filters learners by name, team and what they are doing', async () => {
    server.on('GET', '/api/events/7/grid', ok(GRID));
    render(<Instructor eventId={7} />);
    await screen.findByTestId('grid');
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'stuck' } });
    expect(screen.getByRole('status').textContent).toBe('1 of 2 learners');
    expect(screen.getByRole('rowheader', { name: 'Ada' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'idle' } });
    expect(screen.queryByRole('rowheader', { name: 'Ada' })).toBeNull();
    expect(screen.getByRole('rowheader', { name: 'Bob' })).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Show'), { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Learner or team'), { target: { value: 'red' } });
    expect(screen.getByRole('status').textContent).toBe('1 of 2 learners');
  });

  it('acts on a learner: fresh cluster, more time, end session; an error is shown', async () => {
    server.on('GET', '/api/events/7/grid', ok(GRID));
    server.on('POST', '/api/events/7/learners/1/fresh-cluster', ok({ id: 'snew' }));
    server.on('POST', '/api/events/7/learners/2/extend', ok({ extraMinutes: 25 }));
    server.on('POST', '/api/events/7/learners/1/end-session', fail(404, 'that learner has no running session in this event'));
    render(<Instructor eventId={7} />);
    await screen.findByTestId('grid');
    const ada = within(screen.getByTestId('actions-1'));
    const bob = within(screen.getByTestId('actions-2'));
    expect(bob.queryByRole('button', { name: 'Fresh cluster' })).toBeNull(); // nothing running
    expect(bob.getByText('+10 min given')).toBeTruthy();
    fireEvent.click(ada.getByRole('button', { name: 'Fresh cluster' }));
    fireEvent.click(bob.getByRole('button', { name: '+15 min' }));
    expect((await vi.waitFor(() => server.requests.find((r) => r.path === '/api/events/7/learners/2/extend')!)).body).toEqual({ minutes: 15 });
    expect(server.requests.some((r) => r.method === 'POST' && r.path === '/api/events/7/learners/1/fresh-cluster')).toBe(true);
    await vi.waitFor(() => expect((ada.getByRole('button', { name: 'End session' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(ada.getByRole('button', { name: 'End session' }));
    expect((await ada.findByRole('alert')).textContent).toContain('no running session');
  });

  it('announces to every participant', async () => {
    server.on('GET', '/api/events/7/grid', ok(GRID));
    server.on('POST', '/api/events/7/announcements', ok({ id: 1, eventId: 7, text: 'Ten minutes left', at: '2030-01-01T11:50:00.000Z' }));
    render(<Instructor eventId={7} />);
    fireEvent.change(screen.getByLabelText('Announce to every participant'), { target: { value: 'Ten minutes left' } });
    fireEvent.click(screen.getByRole('button', { name: 'Announce' }));
    expect(await screen.findByText('Announced: “Ten minutes left”')).toBeTruthy();
    expect(server.requests.find((r) => r.path === '/api/events/7/announcements')!.body).toEqual({ text: 'Ten minutes left' });
  });

  it('says when no learner has joined yet', async () => {
    server.on('GET', '/api/events/7/grid', ok({ ...GRID, learners: [], exerciseTests: [] }));
    render(<Instructor eventId={7} />);
    expect(await screen.findByText('No learners yet')).toBeTruthy();
    expect(screen.queryByTestId('grid')).toBeNull();
    expect(screen.getByText(/No test results yet/)).toBeTruthy();
  });
});
