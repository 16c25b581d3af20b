import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aLearner, deferred, fail, fakeServer, ok, type FakeReply, type FakeServer } from '../test-support.tsx';
import { SignIn } from './SignIn.tsx';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

const loginForm = () => within(screen.getByRole('form', { name: 'Sign in' }));
const signupForm = () => within(screen.getByRole('form', { name: 'Create an account' }));

describe('SignIn page', () => {
  it('signs in: busy while waiting, then hands over who I am', async () => {
    const user = userEvent.setup();
    const answer = deferred<FakeReply>();
    server.on('POST', '/api/auth/login', () => answer.promise);
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);
    await user.type(loginForm().getByLabelText('Username'), 'ada');
    await user.type(loginForm().getByLabelText('Password'), 'correct horse');
    await user.click(loginForm().getByRole('button', { name: 'Sign in' }));
    expect((loginForm().getByRole('button', { name: 'Signing in…' }) as HTMLButtonElement).disabled).toBe(true);
    expect(server.calls('POST', '/api/auth/login')[0]?.body).toEqual({ username: 'ada', password: 'correct horse' });

    answer.resolve(ok(aLearner()));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith(aLearner()));
  });

  it('shows a wrong password and lets me try again', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/auth/login', fail(401, 'Wrong username or password'));
    const onSignedIn = vi.fn();
    render(<SignIn onSignedIn={onSignedIn} />);
    await user.type(loginForm().getByLabelText('Username'), 'ada');
    await user.type(loginForm().getByLabelText('Password'), 'nope');
    await user.click(loginForm().getByRole('button', { name: 'Sign in' }));
    expect((await loginForm().findByRole('alert')).textContent).toBe('Wrong username or password');
    expect((loginForm().getByRole('button', { name: 'Sign in' }) as HTMLButtonElement).disabled).toBe(false);
    expect(signupForm().queryByRole('alert')).toBeNull();
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('signs up with the username as display name by default, and marks the field at fault', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/auth/signup', fail(400, 'Use at least 12 characters', 'password'));
    render(<SignIn onSignedIn={vi.fn()} />);
    await user.type(signupForm().getByLabelText('Username'), 'bob');
    await user.type(signupForm().getByLabelText('Password'), 'short');
    await user.click(signupForm().getByRole('button', { name: 'Sign up' }));
    expect((await signupForm().findByRole('alert')).textContent).toBe('Use at least 12 characters');
    expect(signupForm().getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
    expect(signupForm().getByLabelText('Username').getAttribute('aria-invalid')).toBeNull();
    expect(server.calls('POST', '/api/auth/signup')[0]?.body).toEqual({ username: 'bob', displayName: 'bob', password: 'short' });
  });
});
