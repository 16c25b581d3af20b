import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aBoard, aLearner, anEntry, anEvent, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { Events } from './Events.tsx';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

describe('Events page', () => {
  it('a learner with no events is told how to join one; joining lists it with a team picker', async () => {
    const user = userEvent.setup();
    const spring = anEvent({ id: 7, name: 'Spring CTF', exercises: ['a', 'b'] });
    server.on('GET', '/api/events', ok([]));
    server.on('POST', '/api/events/join', ok(spring));
    server.on('GET', '/api/events/7/leaderboard', ok(aBoard()));
    render(<Events me={aLearner()} />);
    expect(await screen.findByText('No events yet')).toBeTruthy();
    expect(screen.getByText('Ask your instructor for a join code and enter it above.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: 'Create an event' })).toBeNull();
    expect(server.calls('GET', '/api/exercises')).toHaveLength(0);

    server.on('GET', '/api/events', ok([spring]));
    await user.type(screen.getByRole('textbox', { name: 'Join code' }), 'SPRING');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect((await screen.findByText(/You joined/)).textContent).toBe('You joined Spring CTF. Pick or create a team below.');
    const row = within(await screen.findByTestId('event-row-7'));
    expect(row.getByRole('heading', { name: 'Spring CTF' })).toBeTruthy();
    expect(row.getByText(/2 exercises/)).toBeTruthy();
    expect(row.getByRole('button', { name: 'Create team' })).toBeTruthy();
    expect(row.queryByTestId('event-join-code')).toBeNull(); // learners never see join codes
    expect(row.getByRole('link', { name: 'Leaderboard' }).getAttribute('href')).toBe('#/events/7/leaderboard');
  });

  it('an instructor creates an event and is shown its join code', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/events', ok([]));
    server.on('GET', '/api/exercises', ok([anEntry({ name: 'pod-escape', title: 'Pod escape' })]));
    server.on('POST', '/api/events', ok(anEvent({ id: 9, name: 'Friday lab', joinCode: 'FRI-123', myTeam: { id: 1, name: 'Staff' } })));
    render(<Events me={aLearner({ role: 'instructor' })} />);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Friday lab');
    await user.click(await screen.findByRole('checkbox', { name: /Pod escape/ }));
    server.on('GET', '/api/events', ok([anEvent({ id: 9, name: 'Friday lab', joinCode: 'FRI-123', myTeam: { id: 1, name: 'Staff' } })]));
    await user.click(screen.getByRole('button', { name: 'Create event' }));

    const notice = await screen.findByText(/Learners join with the code/);
    expect(notice.textContent).toBe('Created Friday lab. Learners join with the code FRI-123');
    const row = within(await screen.findByTestId('event-row-9'));
    expect(row.getByTestId('event-join-code').textContent).toBe('FRI-123');
    expect(row.getByTestId('my-team').textContent).toBe('Staff');
    expect(row.getByRole('link', { name: 'Instructor view' })).toBeTruthy();
  });
});
