import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplayView } from '../../../server/protocol/rest.ts';
import { href, parseHash } from '../router.ts';
import { fail, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { Replay } from './Replay.tsx';

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

const view = (o: Partial<ReplayView> = {}): ReplayView => ({
  sessionId: 's1',
  userId: 7,
  exercise: 'anonymous-access',
  eventId: 0,
  startedAt: '2030-01-01T10:00:00.000Z',
  endedAt: '2030-01-01T10:30:00.000Z',
  dropped: 0,
  items: [
    { type: 'objective', at: '2030-01-01T10:00:01.000Z', objective: 'no-anonymous', state: 'unmet', detail: 'anonymous can list secrets' },
    { type: 'change', at: '2030-01-01T10:05:00.000Z', verb: 'update', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings', manager: 'kubectl-patch', diff: [{ path: 'data.mode', before: '"debug"', after: '"safe"' }], more: 2 },
    { type: 'change', at: '2030-01-01T10:06:00.000Z', verb: 'delete', apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', name: 'public-read-ab12', manager: '', diff: [], more: 0 },
    { type: 'objective', at: '2030-01-01T10:06:01.000Z', objective: 'no-anonymous', state: 'met', detail: 'fixed' },
  ],
  ...o,
});

describe('Replay page', () => {
  it('shows the timeline in order: who, what, the diff, and the objective changes between them', async () => {
    server.on('GET', '/api/sessions/s1/replay', ok(view()));
    render(<Replay sessionId="s1" />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Replay · anonymous-access' })).toBeTruthy();
    const items = within(screen.getByRole('list', { name: 'Timeline' })).getAllByRole('listitem');
    expect(items.map((li) => li.dataset.testid)).toEqual(['replay-objective', 'replay-change', 'replay-change', 'replay-objective']);
    expect(items[1]!.textContent).toContain('kubectl-patch');
    expect(items[1]!.textContent).toContain('changed');
    expect(items[1]!.textContent).toContain('ConfigMap shop/settings');
    expect(items[1]!.textContent).toContain('- data.mode: "debug"');
    expect(items[1]!.textContent).toContain('+ data.mode: "safe"');
    expect(items[1]!.textContent).toContain('… 2 more');
    expect(items[2]!.textContent).toContain('unknown tool');
    expect(items[2]!.textContent).toContain('deleted');
    expect(items[3]!.textContent).toContain('met');
    expect(items[3]!.textContent).toContain('no-anonymous');
    expect(screen.getByRole('link', { name: 'Download JSON' }).getAttribute('href')).toBe('/api/sessions/s1/replay?download=1');
  });

  it('says when later changes were dropped, and when nothing happened', async () => {
    server.on('GET', '/api/sessions/s1/replay', ok(view({ dropped: 3 })));
    const { unmount } = render(<Replay sessionId="s1" />);
    expect((await screen.findByRole('note')).textContent).toContain('3 later changes were not recorded');
    unmount();
    server.on('GET', '/api/sessions/s1/replay', ok(view({ items: [] })));
    render(<Replay sessionId="s1" />);
    expect(await screen.findByText('Nothing happened yet')).toBeTruthy();
  });

  it("shows the server's error (a learner before the session ended)", async () => {
    server.on('GET', '/api/sessions/s1/replay', fail(403, 'the replay of your session opens once the session has ended: end it first'));
    render(<Replay sessionId="s1" />);
    expect(await screen.findByText(/opens once the session has ended/)).toBeTruthy();
  });

  it('shows the reference solution beside the timeline, with the learner’s values, or why not yet', async () => {
    server.on('GET', '/api/sessions/s1/replay', ok(view({ solution: { name: 'solution/', script: 'kubectl delete clusterrolebinding "$binding"\n', manifests: ['kind: Namespace\n'], values: { binding: 'public-read-ab12' } } })));
    const { unmount } = render(<Replay sessionId="s1" />);
    const solution = await screen.findByTestId('reference-solution');
    expect(solution.textContent).toContain('$binding = public-read-ab12');
    expect(solution.textContent).toContain('kubectl delete clusterrolebinding "$binding"');
    expect(solution.textContent).toContain('kind: Namespace');
    unmount();
    server.on('GET', '/api/sessions/s1/replay', ok(view({ solutionHidden: 'the reference solution shows once you have completed the exercise (or the event is over)' })));
    render(<Replay sessionId="s1" />);
    expect((await screen.findByTestId('solution-hidden')).textContent).toMatch(/once you have completed/);
    expect(screen.queryByTestId('reference-solution')).toBeNull();
  });

  it('has a route of its own', () => {
    expect(parseHash(href.replay('s 1'))).toEqual({ page: 'replay', sessionId: 's 1' });
    expect(parseHash('#/sessions/x/replay/more')).toEqual({ page: 'notfound', path: '/sessions/x/replay/more' });
  });
});
