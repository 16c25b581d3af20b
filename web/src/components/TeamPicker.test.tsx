import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aBoard, aStanding, fail, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { TeamPicker } from './TeamPicker.tsx';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

describe('TeamPicker', () => {
  it("lists the event's teams to join", async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/events/7/leaderboard', ok(aBoard({ teams: [aStanding({ id: 3, name: 'Red' }), aStanding({ id: 4, name: 'Blue', rank: 2 })] })));
    server.on('POST', '/api/teams/4/join', ok({ id: 4, name: 'Blue' }));
    const onJoined = vi.fn();
    render(<TeamPicker eventId={7} onJoined={onJoined} />);
    const teams = await screen.findByRole('list', { name: 'Teams' });
    const blue = within(teams).getAllByRole('listitem').find((li) => li.textContent?.startsWith('Blue'));
    await user.click(within(blue!).getByRole('button', { name: 'Join' }));
    await vi.waitFor(() => expect(onJoined).toHaveBeenCalledWith({ id: 4, name: 'Blue' }));
  });

  it('invites to create the first team, and shows why creating one failed', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/events/7/leaderboard', ok(aBoard()));
    server.on('POST', '/api/events/7/teams', fail(409, 'A team with that name exists'));
    render(<TeamPicker eventId={7} onJoined={vi.fn()} />);
    expect(await screen.findByText('No teams yet — create one.')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'New team name' }), 'Red');
    await user.click(screen.getByRole('button', { name: 'Create team' }));
    expect((await screen.findByRole('alert')).textContent).toBe('A team with that name exists');
    expect(server.calls('POST', '/api/events/7/teams')[0]?.body).toEqual({ name: 'Red' });
    expect((screen.getByRole('button', { name: 'Create team' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
