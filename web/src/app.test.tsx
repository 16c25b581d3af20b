import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aBoard, aLearner, anEntry, anEvent, fail, fakeIo, fakeServer, fakeSocket, ok } from './test-support.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('./test-support.tsx')).fakeIo }));
vi.mock('./components/TerminalView.tsx', () => ({ TerminalView: () => <div data-testid="terminal">fake terminal</div> }));

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the app (main.tsx)', () => {
  it('sends a signed-out visitor to sign in, lets them in, and signs them out again', async () => {
    const user = userEvent.setup();
    const ada = aLearner({ displayName: 'Ada L' });
    const server = fakeServer()
      .on('GET', '/api/auth/me', fail(401, 'Sign in first'))
      .on('POST', '/api/auth/login', ok(ada))
      .on('POST', '/api/auth/logout', ok())
      .on('GET', '/api/exercises', ok([anEntry({ title: 'Pod escape' })]))
      .on('GET', '/api/events', ok([anEvent({ id: 7, name: 'Spring CTF' })]))
      .on('GET', '/api/events/7/leaderboard', ok(aBoard()));
    location.hash = '#/events';
    document.body.innerHTML = '<div id="root"></div>';
    await import('./main.tsx');

    // signed out: the sign-in page, wherever I was going
    const login = within(await screen.findByRole('form', { name: 'Sign in' }));
    await waitFor(() => expect(location.hash).toBe('#/signin'));
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();

    await user.type(login.getByLabelText('Username'), 'ada');
    await user.type(login.getByLabelText('Password'), 'correct horse');
    await user.click(login.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Exercises' })).toBeTruthy();
    expect(location.hash).toBe('#/');
    expect(screen.getByTestId('signed-in-user').textContent).toBe('Ada L learner');

    // the leaderboard opens the live socket
    location.hash = '#/events/7/leaderboard';
    expect(await screen.findByRole('heading', { level: 1, name: 'Spring CTF · leaderboard' })).toBeTruthy();
    expect(fakeIo).toHaveBeenCalled();
    expect(fakeSocket.disconnects).toBe(0);

    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    expect(await screen.findByRole('form', { name: 'Sign in' })).toBeTruthy();
    expect(server.calls('POST', '/api/auth/logout')[0]?.headers['x-batten-csrf']).toBe('1');
    await waitFor(() => expect(location.hash).toBe('#/signin'));
    expect(fakeSocket.disconnects).toBe(1); // the next user gets a fresh, re-authenticated socket
    expect(screen.queryByTestId('signed-in-user')).toBeNull();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  }, 30_000); // loads the whole app: slow on a busy machine
});
