import { act, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExerciseView } from '../../../server/protocol/rest.ts';
import { closeSocket } from '../socket.ts';
import { aHint, anObjective, aSession, deferred, fail, fakeServer, fakeSocket, ok, type FakeReply, type FakeServer } from '../test-support.tsx';
import { Exercise } from './Exercise.tsx';

vi.mock('socket.io-client', async () => ({ io: (await import('../test-support.tsx')).fakeIo }));
// xterm needs a canvas: the page gets a fake terminal that just names its session.
vi.mock('../components/TerminalView.tsx', () => ({
  TerminalView: ({ sessionId }: { sessionId: string }) => <div data-testid="terminal">fake terminal for {sessionId}</div>,
}));

const START = '/api/exercises/pod-escape/start';
const EXERCISE: ExerciseView = {
  name: 'pod-escape',
  title: 'Pod escape',
  difficulty: 'Easy',
  minutes: 20,
  briefing: '# Pod escape\n\nA pod runs **privileged**. Fix it.\n',
  objectives: [anObjective({ id: 'priv', title: 'No privileged pods', points: 10, hints: [aHint({ index: 0, cost: 3 })] })],
  completionBonus: 5,
};

let server: FakeServer;
beforeEach(() => {
  localStorage.clear();
  server = fakeServer();
  server.on('GET', '/api/exercises/pod-escape', ok(EXERCISE));
});
afterEach(() => {
  closeSocket();
  fakeSocket.reset();
  vi.unstubAllGlobals();
});

const status = (): string => screen.getByTestId('session-status').textContent ?? '';
const score = (): string => screen.getByTestId('score').textContent ?? '';

describe('Exercise page', () => {
  it('shows the briefing and objectives while the cluster is being prepared', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1', status: 'preparing', step: 'Creating the cluster', objectives: [] })));
    render(<Exercise name="pod-escape" />);
    expect(status()).toBe('Starting…');
    expect(await screen.findByRole('heading', { level: 1, name: 'Pod escape' })).toBeTruthy();
    // the briefing's own title is dropped: only the page heading says it
    expect(screen.getAllByText('Pod escape')).toHaveLength(1);
    expect(within(screen.getByTestId('briefing')).getByText('privileged').tagName).toBe('STRONG');
    expect(screen.getByText(/\+5 bonus for all of them/)).toBeTruthy();
    expect(screen.getByTestId('objective-priv')).toBeTruthy();

    await vi.waitFor(() => expect(status()).toBe('Preparing: Creating the cluster…'));
    expect(screen.getByRole('progressbar', { name: 'Preparing your cluster' }).getAttribute('aria-valuetext')).toBe('Creating the cluster');
    expect(screen.queryByTestId('terminal')).toBeNull();
    expect(screen.getByText('practice')).toBeTruthy();
  });

  it('shows ‹placeholders› until the cluster is taken, then the learner’s own names', async () => {
    server.on('GET', '/api/exercises/pod-escape', ok({ ...EXERCISE, briefing: '# Pod escape\n\nThe pod in namespace ‹ns› runs privileged.\n' }));
    server.on('POST', START, ok(aSession({ id: 's-1', status: 'preparing', objectives: [] })));
    render(<Exercise name="pod-escape" />);
    expect(await screen.findByText('The pod in namespace ‹ns› runs privileged.')).toBeTruthy();
    act(() => fakeSocket.serverSends('session:update', aSession({ id: 's-1', status: 'ready', briefing: '# Pod escape\n\nThe pod in namespace shop-7k2x runs privileged.\n', objectives: EXERCISE.objectives })));
    expect(await screen.findByText('The pod in namespace shop-7k2x runs privileged.')).toBeTruthy();
    expect(screen.queryByText(/‹ns›/)).toBeNull();
  });

  it('opens the terminal once ready, and ending the session offers to start again', async () => {
    const user = userEvent.setup();
    server.on('POST', START, ok(aSession({ id: 's-1', status: 'ready', objectives: EXERCISE.objectives })));
    server.on('DELETE', '/api/sessions/s-1', ok());
    render(<Exercise name="pod-escape" />);
    expect((await screen.findByTestId('terminal')).textContent).toBe('fake terminal for s-1');
    expect(status()).toBe('Ready');

    await user.click(screen.getByRole('button', { name: 'End session' }));
    expect(await screen.findByText('This session has ended.')).toBeTruthy();
    expect(status()).toBe('Ended');
    expect(screen.queryByTestId('terminal')).toBeNull();
    expect(screen.queryByRole('button', { name: 'End session' })).toBeNull();
    // no hints can be charged to an ended session
    expect((screen.getByRole('button', { name: /Hint 1/ }) as HTMLButtonElement).disabled).toBe(true);
    // the learner's own replay opens once the session has ended
    expect(screen.getByRole('link', { name: 'Replay: what you changed' }).getAttribute('href')).toBe('#/sessions/s-1/replay');

    server.on('POST', START, ok(aSession({ id: 's-2', status: 'ready' })));
    await user.click(screen.getByRole('button', { name: 'Start again' }));
    expect((await screen.findByTestId('terminal')).textContent).toBe('fake terminal for s-2');
    expect(server.calls('POST', START)).toHaveLength(2);
  });

  it('resets the cluster after asking, and follows the session that replaced it (an instructor’s too)', async () => {
    const user = userEvent.setup();
    server.on('POST', START, ok(aSession({ id: 's-1', status: 'ready', objectives: EXERCISE.objectives })));
    server.on('POST', '/api/sessions/s-1/reset', ok(aSession({ id: 's-2', status: 'preparing', objectives: [] })));
    render(<Exercise name="pod-escape" />);
    await screen.findByTestId('terminal');
    const confirm = vi.fn(() => false);
    vi.stubGlobal('confirm', confirm);
    await user.click(screen.getByRole('button', { name: 'Reset my cluster' }));
    expect(confirm).toHaveBeenCalledOnce();
    expect(server.calls('POST', '/api/sessions/s-1/reset')).toHaveLength(0);
    confirm.mockReturnValue(true);
    await user.click(screen.getByRole('button', { name: 'Reset my cluster' }));
    await vi.waitFor(() => expect(status()).toMatch(/^Preparing/));
    expect(localStorage.getItem('batten.session.pod-escape.0')).toBe('s-2');
    act(() => fakeSocket.serverSends('session:update', aSession({ id: 's-2', status: 'ready', objectives: EXERCISE.objectives })));
    expect((await screen.findByTestId('terminal')).textContent).toBe('fake terminal for s-2');
    // the instructor gives a fresh cluster: the page moves to the new session by itself
    act(() => fakeSocket.serverSends('session:update', aSession({ id: 's-3', status: 'ready', exercise: 'pod-escape', eventId: 0, objectives: EXERCISE.objectives })));
    expect((await screen.findByTestId('terminal')).textContent).toBe('fake terminal for s-3');
    // another exercise's session is not this page's
    act(() => fakeSocket.serverSends('session:update', aSession({ id: 's-9', status: 'ready', exercise: 'other', eventId: 0 })));
    expect(screen.getByTestId('terminal').textContent).toBe('fake terminal for s-3');
  });

  it('shows why preparing failed, and Retry starts a new cluster', async () => {
    const user = userEvent.setup();
    server.on('POST', START, ok(aSession({ id: 's-1', status: 'failed', error: 'image pull timed out' })));
    render(<Exercise name="pod-escape" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Your cluster could not be prepared: image pull timed out');
    expect(status()).toBe('Failed');
    expect(screen.queryByRole('button', { name: 'End session' })).toBeNull();

    const answer = deferred<FakeReply>();
    server.on('POST', START, () => answer.promise);
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(status()).toBe('Starting…');
    answer.resolve(ok(aSession({ id: 's-2', status: 'preparing' })));
    await vi.waitFor(() => expect(status()).toMatch(/^Preparing/));
  });

  it('shows a start that failed with a Try again', async () => {
    server.on('POST', START, fail(503, 'All cluster slots are busy; try again in a minute'));
    render(<Exercise name="pod-escape" />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('All cluster slots are busy');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy();
    expect(status()).toBe('Could not start');
  });

  it('reveals a hint after confirming its cost, and the score drops by it', async () => {
    const user = userEvent.setup();
    server.on('POST', START, ok(aSession({ id: 's-1', score: 10, objectives: EXERCISE.objectives })));
    server.on('POST', '/api/sessions/s-1/hints', ok(aHint({ index: 0, cost: 3, text: 'Look at `securityContext.privileged`' })));
    server.on('GET', '/api/sessions/s-1', ok(aSession({ id: 's-1', score: 7, objectives: [anObjective({ id: 'priv', hints: [aHint({ index: 0, cost: 3, text: 'Look at `securityContext.privileged`' })] })] })));
    render(<Exercise name="pod-escape" />);
    await screen.findByTestId('terminal');
    expect(score()).toBe('10');

    await user.click(screen.getByRole('button', { name: 'Hint 1 · costs 3 pts' }));
    expect(screen.getByText('This costs 3 points. Reveal?')).toBeTruthy();
    expect(server.calls('POST', '/api/sessions/s-1/hints')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Reveal' }));

    const hint = await screen.findByTestId('hint-text-priv-0');
    expect(within(hint).getByText('securityContext.privileged').tagName).toBe('CODE');
    await vi.waitFor(() => expect(score()).toBe('7'));
  });

  it('lights up an objective and the score as the checker reports a fix; shows a regression', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1', score: 0, objectives: EXERCISE.objectives })));
    render(<Exercise name="pod-escape" eventId={7} />);
    await screen.findByTestId('terminal');
    expect(server.calls('POST', START)[0]?.body).toEqual({ eventId: 7 });
    expect(screen.getByText('in an event')).toBeTruthy();

    act(() => {
      fakeSocket.serverSends('objective:update', { sessionId: 's-1', objective: { ...EXERCISE.objectives[0]!, state: 'met', detail: 'No pod runs privileged' } });
      fakeSocket.serverSends('award', { sessionId: 's-1', objective: 'priv', points: 10, bonus: 5, score: 15 });
    });
    const priv = within(screen.getByTestId('objective-priv'));
    expect(priv.getByTitle('met')).toBeTruthy();
    expect(priv.getByText('No pod runs privileged')).toBeTruthy();
    expect(screen.getByTestId('objective-points-priv').textContent).toBe('+10');
    expect(score()).toBe('15');

    act(() => fakeSocket.serverSends('objective:update', { sessionId: 's-1', objective: { ...EXERCISE.objectives[0]!, state: 'regressed', awarded: true } }));
    expect(priv.getByTitle('regressed')).toBeTruthy();
    expect(priv.getByText(/Points already awarded stay/)).toBeTruthy();
    expect(score()).toBe('15');
  });

  it('says when the shell ended, and hides End session', async () => {
    server.on('POST', START, ok(aSession({ id: 's-1' })));
    render(<Exercise name="pod-escape" />);
    await screen.findByTestId('terminal');
    act(() => fakeSocket.serverSends('terminal:exit', { sessionId: 's-1', reason: 'idle timeout' }));
    expect(screen.getByText('The shell ended (idle timeout).')).toBeTruthy();
    expect(status()).toBe('Shell ended');
    expect(screen.queryByRole('button', { name: 'End session' })).toBeNull();
  });

  it('shows why ending the session failed', async () => {
    const user = userEvent.setup();
    server.on('POST', START, ok(aSession({ id: 's-1' })));
    server.on('DELETE', '/api/sessions/s-1', 'network-error');
    render(<Exercise name="pod-escape" />);
    await screen.findByTestId('terminal');
    await user.click(screen.getByRole('button', { name: 'End session' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^Network error/);
    expect(screen.getByTestId('terminal')).toBeTruthy();
  });
});
