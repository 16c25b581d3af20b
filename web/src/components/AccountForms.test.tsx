import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { closeSocket } from '../socket.ts';
import { aLearner, fail, fakeServer, fakeSocket, ok, type FakeServer } from '../test-support.tsx';
import { AccountForm } from './AccountForm.tsx';
import { PasswordForm } from './PasswordForm.tsx';
import { SocketErrors } from './SocketErrors.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('../test-support.tsx')).fakeIo }));

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
  fakeSocket.reset();
  closeSocket();
});
afterEach(() => vi.unstubAllGlobals());

describe('PasswordForm', () => {
  it('sends the current and the new password, then says the other sessions are signed out', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/auth/password', ok());
    render(<PasswordForm />);
    await user.type(screen.getByLabelText('Current password'), 'old-password-1');
    await user.type(screen.getByLabelText('New password'), 'new-password-2');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/other sessions are signed out/);
    expect(server.calls('POST', '/api/auth/password')[0]?.body).toEqual({ current: 'old-password-1', password: 'new-password-2' });
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('');
  });

  it("shows the server's reason when the current password is wrong", async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/auth/password', fail(403, 'the current password is wrong', 'current'));
    render(<PasswordForm />);
    await user.type(screen.getByLabelText('Current password'), 'guess');
    await user.type(screen.getByLabelText('New password'), 'new-password-2');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/current password is wrong/);
    expect(screen.queryByRole('status')).toBeNull();
  });
});

describe('AccountForm (admins)', () => {
  it('sets a new password for an account, and disables and enables it', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/users/account', (req) => ok({ ...aLearner({ displayName: 'Dana' }), disabled: (req.body as { disabled?: boolean }).disabled === true }));
    render(<AccountForm />);
    expect((screen.getByRole('button', { name: 'Set password' }) as HTMLButtonElement).disabled).toBe(true);
    await user.type(screen.getByLabelText('Account username'), ' dana ');
    await user.type(screen.getByLabelText('New password for them'), 'from-admin-1');
    await user.click(screen.getByRole('button', { name: 'Set password' }));
    expect((await screen.findByRole('status')).textContent).toBe('Dana has a new password and is signed out everywhere.');
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    expect((await screen.findByRole('status')).textContent).toBe("Dana's account is disabled.");
    await user.click(screen.getByRole('button', { name: 'Enable' }));
    expect((await screen.findByRole('status')).textContent).toBe("Dana's account is enabled.");
    expect(server.calls('POST', '/api/users/account').map((c) => c.body)).toEqual([
      { username: 'dana', password: 'from-admin-1' },
      { username: 'dana', disabled: true },
      { username: 'dana', disabled: false },
    ]);
  });

  it('deletes an account after asking; a refusal is shown', async () => {
    const user = userEvent.setup();
    server.on('DELETE', '/api/users/dana', ok());
    server.on('DELETE', '/api/users/ines', fail(409, 'that account created events: disable it instead, so its events keep their instructor', 'username'));
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    render(<AccountForm />);
    await user.type(screen.getByLabelText('Account username'), 'dana');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect(server.calls('DELETE', '/api/users/dana')).toHaveLength(0);
    confirm.mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('status')).textContent).toBe("dana's account is deleted; its points left every board.");
    await user.type(screen.getByLabelText('Account username'), 'ines');
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/disable it instead/);
  });

  it('names the problem when the account does not exist', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/users/account', fail(404, 'no user with that name', 'username'));
    render(<AccountForm />);
    await user.type(screen.getByLabelText('Account username'), 'nobody');
    await user.click(screen.getByRole('button', { name: 'Disable' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/no user with that name/);
  });
});

describe('SocketErrors', () => {
  it('shows a message the server refused, until dismissed', async () => {
    const user = userEvent.setup();
    render(<SocketErrors />);
    expect(screen.queryByRole('alert')).toBeNull();
    act(() => fakeSocket.serverSends('error', { event: 'terminal:input', error: 'too large' }));
    expect(screen.getByRole('alert').textContent).toMatch(/The server refused terminal:input: too large/);
    await user.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
