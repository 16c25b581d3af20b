import { act, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeSocket } from '../socket.ts';
import { aBoard, aLearner, anEvent, aStanding, fail, fakeServer, fakeSocket, ok, type FakeServer } from '../test-support.tsx';
import { Leaderboard } from './Leaderboard.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('../test-support.tsx')).fakeIo }));

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
  server.on('GET', '/api/events', ok([anEvent({ id: 7, name: 'Spring CTF' })]));
});
afterEach(() => {
  closeSocket();
  fakeSocket.reset();
  vi.unstubAllGlobals();
});

const scoreOf = (kind: string, name: string): string | undefined => screen.getByTestId(`leaderboard-${kind}-${name}`).dataset.score;

describe('Leaderboard page', () => {
  it('loads, then shows the clock, the chart and both standings', async () => {
    server.on('GET', '/api/events/7/leaderboard', ok(aBoard({
      teams: [aStanding({ id: 1, name: 'Red', score: 30 }), aStanding({ id: 2, name: 'Blue', score: 10, rank: 2 })],
      individuals: [],
      series: [{ id: 1, name: 'Red', points: [['2030-01-01T10:30:00.000Z', 30]] }],
    })));
    render(<Leaderboard eventId={7} me={aLearner()} />);
    expect(screen.getByRole('status').textContent).toContain('Loading the leaderboard');
    expect(await screen.findByRole('heading', { level: 1, name: 'Spring CTF · leaderboard' })).toBeTruthy();
    await screen.findByRole('img', { name: 'Team score over time' });
    expect(screen.getByRole('timer')).toBeTruthy();
    expect(scoreOf('team', 'Red')).toBe('30');
    expect(screen.getByText('No one has scored yet.')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Download CSV' })).toBeNull(); // learners get no export
  });

  it('follows live updates for this event only', async () => {
    server.on('GET', '/api/events/7/leaderboard', ok(aBoard({ teams: [aStanding({ name: 'Red', score: 10 })] })));
    render(<Leaderboard eventId={7} me={aLearner()} />);
    await screen.findByTestId('leaderboard-team-Red');
    expect(fakeSocket.sentOf('leaderboard:watch')).toContainEqual({ eventId: 7 });

    act(() => fakeSocket.serverSends('leaderboard:update', aBoard({ eventId: 8, teams: [aStanding({ name: 'Red', score: 99 })] })));
    expect(scoreOf('team', 'Red')).toBe('10');
    act(() => fakeSocket.serverSends('leaderboard:update', aBoard({ teams: [aStanding({ name: 'Red', score: 50 }), aStanding({ id: 2, name: 'Green', score: 5, rank: 2 })] })));
    expect(scoreOf('team', 'Red')).toBe('50');
    expect(scoreOf('team', 'Green')).toBe('5');
  });

  it('staff get the CSV export and the instructor view', async () => {
    server.on('GET', '/api/events/7/leaderboard', ok(aBoard()));
    render(<Leaderboard eventId={7} me={aLearner({ role: 'instructor' })} />);
    const csv = await screen.findByRole('link', { name: 'Download CSV' });
    expect(csv.getAttribute('href')).toBe('/api/events/7/leaderboard.csv');
    expect(screen.getByRole('link', { name: 'Instructor view' }).getAttribute('href')).toBe('#/events/7/instructor');
    expect(await screen.findByText('No teams yet — create one on the Events page.')).toBeTruthy();
  });

  it('shows why the leaderboard cannot be seen', async () => {
    server.on('GET', '/api/events/7/leaderboard', fail(404, 'No such event'));
    render(<Leaderboard eventId={7} me={aLearner()} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No such event');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(screen.queryByRole('img')).toBeNull();
  });

  it('says when the scoreboard is frozen before the end', async () => {
    server.on('GET', '/api/events/7/leaderboard', ok(aBoard({ frozenAt: '2030-01-01T11:30:00.000Z' })));
    render(<Leaderboard eventId={7} me={aLearner()} />);
    expect((await screen.findByTestId('frozen')).textContent).toContain('frozen since');
    act(() => fakeSocket.serverSends('leaderboard:update', aBoard({ eventId: 7 })));
    expect(screen.queryByTestId('frozen')).toBeNull();
  });
});
