import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { anEvent, deferred, fail, fakeServer, ok, type FakeReply, type FakeServer } from '../test-support.tsx';
import { JoinEventForm } from './JoinEventForm.tsx';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

describe('JoinEventForm (a form run through useAction)', () => {
  it('is busy while joining, then hands over the event and clears the code', async () => {
    const user = userEvent.setup();
    const answer = deferred<FakeReply>();
    server.on('POST', '/api/events/join', () => answer.promise);
    const onJoined = vi.fn();
    render(<JoinEventForm onJoined={onJoined} />);

    await user.type(screen.getByRole('textbox', { name: 'Join code' }), '  K8S-CTF  ');
    await user.click(screen.getByRole('button', { name: 'Join' }));
    const busy = screen.getByRole('button', { name: 'Joining…' }) as HTMLButtonElement;
    expect(busy.disabled).toBe(true);
    expect(server.calls('POST', '/api/events/join')[0]?.body).toEqual({ code: 'K8S-CTF' });

    answer.resolve(ok(anEvent({ name: 'Spring CTF' })));
    expect(await screen.findByRole('button', { name: 'Join' })).toBeTruthy();
    expect(onJoined).toHaveBeenCalledWith(expect.objectContaining({ name: 'Spring CTF' }));
    expect((screen.getByRole('textbox', { name: 'Join code' }) as HTMLInputElement).value).toBe('');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it("shows the server's reason when joining fails, keeps the code, and clears the error on retry", async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/events/join', fail(404, 'No event has that join code'));
    const onJoined = vi.fn();
    render(<JoinEventForm onJoined={onJoined} />);
    await user.type(screen.getByRole('textbox', { name: 'Join code' }), 'NOPE');
    await user.click(screen.getByRole('button', { name: 'Join' }));

    expect((await screen.findByRole('alert')).textContent).toBe('No event has that join code');
    expect(onJoined).not.toHaveBeenCalled();
    expect((screen.getByRole('textbox', { name: 'Join code' }) as HTMLInputElement).value).toBe('NOPE');
    expect((screen.getByRole('button', { name: 'Join' }) as HTMLButtonElement).disabled).toBe(false);

    const answer = deferred<FakeReply>();
    server.on('POST', '/api/events/join', () => answer.promise);
    await user.click(screen.getByRole('button', { name: 'Join' }));
    expect(screen.queryByRole('alert')).toBeNull(); // the old error goes while retrying
    answer.resolve(ok(anEvent()));
    await screen.findByRole('button', { name: 'Join' });
    expect(onJoined).toHaveBeenCalledTimes(1);
  });
});
