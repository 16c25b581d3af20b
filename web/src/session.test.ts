import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiRequestError } from './api.ts';
import { useExerciseSession } from './session.ts';
import { closeSocket } from './socket.ts';
import { aHint, anObjective, aSession, fail, fakeServer, fakeSocket, ok, type FakeServer } from './test-support.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('./test-support.tsx')).fakeIo }));

const START = '/api/exercises/pod-escape/start';
const KEY = 'batten.session.pod-escape.0';
const sessionPath = (id: string): string => `/api/sessions/${id}`;

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
  localStorage.clear();
});
afterEach(() => {
  closeSocket();
  fakeSocket.reset();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** Renders the hook and waits until the first start or resume has settled. */
async function started(name = 'pod-escape', eventId = 0) {
  const hook = renderHook(() => useExerciseSession(name, eventId));
  expect(hook.result.current.starting).toBe(true);
  await waitFor(() => expect(hook.result.current.starting).toBe(false));
  return hook;
}

describe('useExerciseSession: starting and resuming', () => {
  it('starts a new session, remembers its id, and is ready when the server says so', async () => {
    server.on('POST', START, ok(aSession({ id: 's-new', status: 'ready' })));
    const { result } = await started();
    expect(result.current.session?.status).toBe('ready');
    expect(result.current.error).toBeUndefined();
    expect(localStorage.getItem(KEY)).toBe('s-new');
    expect(server.calls('POST', START)[0]?.body).toEqual({});
  });

  it('starts inside an event when given one', async () => {
    server.on('POST', START, ok(aSession({ id: 's-ev', eventId: 4 })));
    await started('pod-escape', 4);
    expect(server.calls('POST', START)[0]?.body).toEqual({ eventId: 4 });
    expect(localStorage.getItem('batten.session.pod-escape.4')).toBe('s-ev');
  });

  it('resumes a saved live session after a reload instead of starting another', async () => {
    localStorage.setItem(KEY, 's-old');
    server.on('GET', sessionPath('s-old'), ok(aSession({ id: 's-old', status: 'ready', score: 15 })));
    const { result } = await started();
    expect(result.current.session?.id).toBe('s-old');
    expect(result.current.session?.score).toBe(15);
    expect(server.calls('POST', START)).toHaveLength(0);
  });

  it('starts a new session when the saved one has ended or is gone', async () => {
    localStorage.setItem(KEY, 's-old');
    server.on('GET', sessionPath('s-old'), ok(aSession({ id: 's-old', status: 'ended' })));
    server.on('POST', START, ok(aSession({ id: 's-new' })));
    const first = await started();
    expect(first.result.current.session?.id).toBe('s-new');
    first.unmount();

    localStorage.setItem(KEY, 's-gone');
    server.on('GET', sessionPath('s-gone'), fail(404, 'no such session'));
    server.on('POST', START, ok(aSession({ id: 's-newer' })));
    const second = await started();
    expect(second.result.current.session?.id).toBe('s-newer');
    expect(localStorage.getItem(KEY)).toBe('s-newer');
  });

  it('does not start a second cluster while offline: shows the network error instead', async () => {
    localStorage.setItem(KEY, 's-old');
    server.on('GET', sessionPath('s-old'), 'network-error');
    const { result } = await started();
    expect(result.current.session).toBeUndefined();
    expect(result.current.error).toBeInstanceOf(ApiRequestError);
    expect((result.current.error as ApiRequestError).message).toMatch(/cannot be reached/);
    expect(server.calls('POST', START)).toHaveLength(0);
    expect(localStorage.getItem(KEY)).toBe('s-old');
  });

  it('reports a failed start, and start() tries again without resuming', async () => {
    server.on('POST', START, fail(503, 'No capacity: every cluster slot is busy'));
    const { result } = await started();
    expect((result.current.error as Error).message).toBe('No capacity: every cluster slot is busy');

    server.on('POST', START, ok(aSession({ id: 's-2' })));
    act(() => result.current.start());
    expect(result.current.starting).toBe(true);
    expect(result.current.error).toBeUndefined();
    await waitFor(() => expect(result.current.session?.id).toBe('s-2'));
  });

  it('asks for one cluster only when mounted twice at once (strict mode)', async () => {
    server.on('POST', START, ok(aSession({ id: 's-once' })));
    const { result } = renderHook(() => useExerciseSession('pod-escape', 0), { reactStrictMode: true });
    await waitFor(() => expect(result.current.session?.id).toBe('s-once'));
    expect(server.calls('POST', START)).toHaveLength(1);
  });
});

describe('useExerciseSession: preparing → ready → ended', () => {
  it('polls a preparing session until it is ready', async () => {
    vi.useFakeTimers();
    server.on('POST', START, ok(aSession({ id: 's-p', status: 'preparing', step: 'Creating the cluster' })));
    const { result } = renderHook(() => useExerciseSession('pod-escape', 0));
    await act(() => vi.advanceTimersByTimeAsync(0));
    expect(result.current.session?.status).toBe('preparing');
    expect(result.current.session?.step).toBe('Creating the cluster');

    server.on('GET', sessionPath('s-p'), ok(aSession({ id: 's-p', status: 'preparing', step: 'Applying the exercise' })));
    await act(() => vi.advanceTimersByTimeAsync(750));
    expect(result.current.session?.step).toBe('Applying the exercise');

    server.on('GET', sessionPath('s-p'), ok(aSession({ id: 's-p', status: 'ready' })));
    await act(() => vi.advanceTimersByTimeAsync(750));
    expect(result.current.session?.status).toBe('ready');

    const polls = server.calls('GET', sessionPath('s-p')).length;
    await act(() => vi.advanceTimersByTimeAsync(5000));
    expect(server.calls('GET', sessionPath('s-p'))).toHaveLength(polls); // no polling once ready
  });

  it('keeps polling through a missed poll', async () => {
    vi.useFakeTimers();
    server.on('POST', START, ok(aSession({ id: 's-p', status: 'preparing' })));
    server.on('GET', sessionPath('s-p'), fail(502, 'Bad gateway'));
    const { result } = renderHook(() => useExerciseSession('pod-escape', 0));
    await act(() => vi.advanceTimersByTimeAsync(750));
    expect(result.current.session?.status).toBe('preparing');
    expect(result.current.error).toBeUndefined();
    server.on('GET', sessionPath('s-p'), ok(aSession({ id: 's-p', status: 'ready' })));
    await act(() => vi.advanceTimersByTimeAsync(750));
    expect(result.current.session?.status).toBe('ready');
  });

  it('shows a failed preparation and forgets the saved id', async () => {
    server.on('POST', START, ok(aSession({ id: 's-f', status: 'failed', error: 'kind create cluster timed out' })));
    const { result } = await started();
    expect(result.current.session?.status).toBe('failed');
    expect(result.current.session?.error).toBe('kind create cluster timed out');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('end() deletes the session on the server and marks it ended', async () => {
    server.on('POST', START, ok(aSession({ id: 's-e' })));
    server.on('DELETE', sessionPath('s-e'), ok());
    const { result } = await started();
    expect(localStorage.getItem(KEY)).toBe('s-e');
    await act(() => result.current.end());
    expect(server.calls('DELETE', sessionPath('s-e'))).toHaveLength(1);
    expect(server.calls('DELETE', sessionPath('s-e'))[0]?.headers['x-batten-csrf']).toBe('1');
    expect(result.current.session?.status).toBe('ended');
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('end() rejects, and the session stays live, when the server refuses', async () => {
    server.on('POST', START, ok(aSession({ id: 's-e' })));
    server.on('DELETE', sessionPath('s-e'), fail(500, 'could not delete the cluster'));
    const { result } = await started();
    await act(() => expect(result.current.end()).rejects.toThrow('could not delete the cluster'));
    expect(result.current.session?.status).toBe('ready');
  });
});

describe('useExerciseSession: live updates over the socket', () => {
  it('watches the session (again on reconnect) and follows session:update for it only', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1', status: 'preparing' })));
    const { result } = await started();
    expect(fakeSocket.sentOf('session:watch')).toContainEqual({ sessionId: 's-1' });

    const before = fakeSocket.sentOf('session:watch').length;
    act(() => fakeSocket.serverSends('connect'));
    expect(fakeSocket.sentOf('session:watch').length).toBe(before + 1);

    act(() => fakeSocket.serverSends('session:update', aSession({ id: 'someone-else', status: 'failed' })));
    expect(result.current.session?.status).toBe('preparing');
    act(() => fakeSocket.serverSends('session:update', aSession({ id: 's-1', status: 'ready' })));
    expect(result.current.session?.status).toBe('ready');
  });

  it('applies objective updates and awards (met, score), ignoring other sessions', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1', objectives: [anObjective({ id: 'a' }), anObjective({ id: 'b' })] })));
    const { result } = await started();

    act(() => fakeSocket.serverSends('objective:update', { sessionId: 'other', objective: anObjective({ id: 'a', state: 'met' }) }));
    expect(result.current.session?.objectives[0]?.state).toBe('unmet');

    act(() => fakeSocket.serverSends('objective:update', { sessionId: 's-1', objective: anObjective({ id: 'a', state: 'met', detail: 'No pod runs privileged' }) }));
    act(() => fakeSocket.serverSends('award', { sessionId: 's-1', objective: 'a', points: 10, bonus: 0, score: 10 }));
    const s = result.current.session;
    expect(s?.score).toBe(10);
    expect(s?.objectives.map((o) => [o.id, o.state, o.awarded])).toEqual([
      ['a', 'met', true],
      ['b', 'unmet', false],
    ]);
    expect(s?.objectives[0]?.detail).toBe('No pod runs privileged');

    act(() => fakeSocket.serverSends('objective:update', { sessionId: 's-1', objective: anObjective({ id: 'c', title: 'New' }) }));
    expect(result.current.session?.objectives.map((o) => o.id)).toEqual(['a', 'b', 'c']);
  });

  it('records why the shell ended (terminal:exit), and stops listening once unmounted', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1' })));
    const { result, unmount } = await started();
    act(() => fakeSocket.serverSends('terminal:exit', { sessionId: 'other', reason: 'exit' }));
    expect(result.current.exited).toBeUndefined();
    act(() => fakeSocket.serverSends('terminal:exit', { sessionId: 's-1', reason: 'idle' }));
    expect(result.current.exited).toBe('idle');

    unmount();
    for (const ev of ['connect', 'session:update', 'objective:update', 'award', 'terminal:exit']) {
      expect(fakeSocket.listenerCount(ev)).toBe(0);
    }
  });
});

describe('useExerciseSession: hints', () => {
  it('revealHint charges through the server, keeps the text, and refreshes the score', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1', objectives: [anObjective({ id: 'a', hints: [aHint()] })] })));
    server.on('POST', '/api/sessions/s-1/hints', ok(aHint({ index: 0, cost: 5, text: 'Look at `securityContext`' })));
    server.on('GET', sessionPath('s-1'), ok(aSession({ id: 's-1', score: -5 })));
    const { result } = await started();

    await act(() => result.current.revealHint('a', 0));
    expect(server.calls('POST', '/api/sessions/s-1/hints')[0]?.body).toEqual({ objective: 'a', index: 0 });
    expect(result.current.revealed).toEqual({ 'a/0': 'Look at `securityContext`' });
    await waitFor(() => expect(result.current.session?.score).toBe(-5));
  });

  it('revealHint rejects with the server error and reveals nothing', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1' })));
    server.on('POST', '/api/sessions/s-1/hints', fail(409, 'Hints are closed: the event has ended'));
    const { result } = await started();
    await act(() => expect(result.current.revealHint('a', 0)).rejects.toThrow('Hints are closed'));
    expect(result.current.revealed).toEqual({});
  });
});
