import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aLearner, anEntry, anEvent, fail, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { Catalog } from './Catalog.tsx';

const iso = (msFromNow: number): string => new Date(Date.now() + msFromNow).toISOString();
const HOUR = 3600_000;
const ENTRIES = [
  anEntry({ name: 'pod-escape', title: 'Pod escape' }),
  anEntry({ name: 'rbac', title: 'RBAC' }),
];

let server: FakeServer;
beforeEach(() => {
  server = fakeServer().on('GET', '/api/tracks', ok([]));
});
afterEach(() => {
  vi.unstubAllGlobals();
  location.hash = '';
});

const startOf = (name: string): HTMLButtonElement => within(screen.getByTestId(`exercise-card-${name}`)).getByRole('button', { name: 'Start' });

describe('Catalog page', () => {
  it('shows loading, then the exercises, and starts one in practice', async () => {
    server.on('GET', '/api/exercises', ok(ENTRIES)).on('GET', '/api/events', ok([]));
    render(<Catalog me={aLearner()} />);
    expect(screen.getByRole('status').textContent).toContain('Loading exercises');
    expect(await screen.findByRole('heading', { name: 'Pod escape' })).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Start in' })).toBeNull(); // no events: nothing to choose

    await userEvent.setup().click(startOf('rbac'));
    expect(location.hash).toBe('#/exercise/rbac');
  });

  it('preselects the running event and only offers its exercises; practice offers all', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/exercises', ok(ENTRIES)).on('GET', '/api/events', ok([
      anEvent({ id: 1, name: 'Old class', startsAt: iso(-48 * HOUR), endsAt: iso(-47 * HOUR), exercises: [] }),
      anEvent({ id: 2, name: 'Later', startsAt: iso(24 * HOUR), endsAt: iso(25 * HOUR), exercises: [] }),
      anEvent({ id: 3, name: 'Live CTF', startsAt: iso(-HOUR), endsAt: iso(HOUR), exercises: ['pod-escape'] }),
    ]));
    render(<Catalog me={aLearner()} />);
    const select = (await screen.findByRole('combobox', { name: 'Start in' })) as HTMLSelectElement;
    await vi.waitFor(() => expect(select.value).toBe('3'));
    expect(within(select).getAllByRole('option').map((o) => o.textContent)).toEqual(['Practice (no event)', 'Old class', 'Later', 'Live CTF']);

    expect(startOf('rbac').disabled).toBe(true);
    expect(within(screen.getByTestId('exercise-card-rbac')).getByText('Not part of Live CTF.')).toBeTruthy();
    await user.click(startOf('pod-escape'));
    expect(location.hash).toBe('#/exercise/pod-escape?event=3');

    await user.selectOptions(select, '0');
    expect(startOf('rbac').disabled).toBe(false);
    await user.click(startOf('rbac'));
    expect(location.hash).toBe('#/exercise/rbac');
  });

  it('shows an error with a retry that recovers', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/exercises', fail(500, 'The catalog could not be read')).on('GET', '/api/events', ok([]));
    render(<Catalog me={aLearner()} />);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The catalog could not be read');

    server.on('GET', '/api/exercises', ok(ENTRIES));
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'RBAC' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says when there are no exercises yet', async () => {
    server.on('GET', '/api/exercises', ok([])).on('GET', '/api/events', ok([]));
    render(<Catalog me={aLearner()} />);
    expect(await screen.findByText('No exercises yet')).toBeTruthy();
  });

  it('shows the tracks with the learner’s progress and links to them; a broken one is disabled', async () => {
    const step = { title: 'T', tags: [], available: true, broken: false };
    server.on('GET', '/api/exercises', ok(ENTRIES)).on('GET', '/api/events', ok([])).on('GET', '/api/tracks', ok([
      { name: 'cks-preparation', title: 'CKS preparation', description: 'D', solved: 1, broken: false,
        exercises: [{ ...step, name: 'rbac', minutes: 20, solved: true }, { ...step, name: 'pod-escape', minutes: 45, solved: false }] },
      { name: 'bad', title: 'bad', description: '', exercises: [], solved: 0, broken: true },
    ]));
    render(<Catalog me={aLearner()} />);
    const tracks = within(await screen.findByRole('region', { name: 'Tracks' }));
    const cks = within(tracks.getByTestId('track-card-cks-preparation'));
    expect(cks.getByRole('link', { name: 'CKS preparation' }).getAttribute('href')).toBe('#/tracks/cks-preparation');
    expect(cks.getByText('2 exercises · about 1 h 5 min')).toBeTruthy();
    expect(cks.getByTestId('track-progress-cks-preparation').textContent).toBe('1 of 2 solved');
    const bad = within(tracks.getByTestId('track-card-bad'));
    expect(bad.queryByRole('link')).toBeNull();
    expect(bad.getByText(/has problems/)).toBeTruthy();
  });

  it('the catalog stays usable when the tracks cannot be read', async () => {
    server.on('GET', '/api/exercises', ok(ENTRIES)).on('GET', '/api/events', ok([])).on('GET', '/api/tracks', fail(500, 'The tracks could not be read'));
    render(<Catalog me={aLearner()} />);
    expect((await screen.findByRole('alert')).textContent).toContain('The tracks could not be read');
    expect(await screen.findByRole('heading', { name: 'Pod escape' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Tracks' })).toBeNull();
  });

  it('filters by OWASP category, CKS domain, level, time and text; says when nothing matches', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/exercises', ok([
      anEntry({ name: 'anonymous-access', title: 'Anonymous users', tags: ['K06', 'K09', 'cks-cluster-setup'], difficulty: 'beginner', minutes: 10 }),
      anEntry({ name: 'audit-logging', title: 'No audit log', tags: ['K10', 'cks-monitoring-logging-runtime'], difficulty: 'advanced', minutes: 35 }),
    ])).on('GET', '/api/events', ok([]));
    render(<Catalog me={aLearner()} />);
    await screen.findByRole('heading', { name: 'No audit log' });
    expect(screen.getByTestId('catalog-count').textContent).toBe('2 of 2');
    await user.selectOptions(screen.getByRole('combobox', { name: 'OWASP K8s Top 10' }), 'K10');
    expect(screen.queryByRole('heading', { name: 'Anonymous users' })).toBeNull();
    expect(screen.getByTestId('catalog-count').textContent).toBe('1 of 2');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Time' }), '15');
    expect(screen.getByText('No exercise matches')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
    expect(screen.getByTestId('catalog-count').textContent).toBe('2 of 2');
    await user.selectOptions(screen.getByRole('combobox', { name: 'CKS domain' }), 'cks-cluster-setup');
    expect(screen.getByRole('heading', { name: 'Anonymous users' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'No audit log' })).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'CKS domain' }), '');
    await user.type(screen.getByRole('searchbox', { name: 'Search exercises' }), 'audit');
    expect(screen.getByTestId('catalog-count').textContent).toBe('1 of 2');
  });
});
