import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackStep, TrackView } from '../../../server/protocol/rest.ts';
import { aLearner, fail, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { Track } from './Track.tsx';

const aStep = (o: Partial<TrackStep> & { name: string }): TrackStep => ({ title: o.name, difficulty: 'beginner', minutes: 10, tags: [], available: true, broken: false, solved: false, ...o });
const aTrack = (o: Partial<TrackView> = {}): TrackView => ({
  name: 'day-one',
  title: 'Platform team, day one',
  description: 'Close the **worst** holes first.',
  exercises: [
    aStep({ name: 'default-sa', title: 'The all-powerful default SA', tags: ['K02', 'rbac'], solved: true }),
    aStep({ name: 'anonymous', title: 'Anonymous users', minutes: 15 }),
    aStep({ name: 'tokens', title: 'Automounted tokens', difficulty: 'intermediate', minutes: 50, available: false, unavailableReason: 'needs runtime, which this platform’s cluster provider does not offer' }),
  ],
  solved: 1,
  broken: false,
  ...o,
});

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => {
  vi.unstubAllGlobals();
  location.hash = '';
});

describe('Track page', () => {
  it('shows the description, the progress, and the exercises in order with their facts and state', async () => {
    server.on('GET', '/api/tracks', ok([aTrack({ name: 'other', title: 'Other' }), aTrack()]));
    render(<Track name="day-one" me={aLearner()} />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Platform team, day one' })).toBeTruthy();
    expect(screen.getByTestId('track-description').innerHTML).toContain('<strong>worst</strong>');
    expect(screen.getByTestId('track-progress').textContent).toBe('1 of 3 solved');
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('1');
    expect(screen.getByText('3 exercises · about 1 h 15 min')).toBeTruthy();
    const steps = within(screen.getByRole('list', { name: 'Exercises in order' })).getAllByRole('heading', { level: 2 }).map((h) => h.textContent);
    expect(steps).toEqual(['The all-powerful default SA', 'Anonymous users', 'Automounted tokens']);

    const first = within(screen.getByTestId('track-step-default-sa'));
    expect(first.getByTestId('track-step-state-default-sa').textContent).toBe('✓ Solved');
    expect(first.getByText('beginner')).toBeTruthy();
    expect(first.getByText('10 min')).toBeTruthy();
    expect(first.getAllByRole('listitem').map((t) => t.textContent)).toEqual(['K02', 'rbac']);
    expect(first.getByRole('link', { name: 'Start again' }).getAttribute('href')).toBe('#/exercise/default-sa');
    expect(within(screen.getByTestId('track-step-anonymous')).getByTestId('track-step-state-anonymous').textContent).toBe('Not solved yet');

    const blocked = within(screen.getByTestId('track-step-tokens'));
    expect((blocked.getByRole('button', { name: 'Start' }) as HTMLButtonElement).disabled).toBe(true);
    expect(blocked.queryByRole('link')).toBeNull();
    expect(blocked.getByText(/needs runtime/)).toBeTruthy();

    await userEvent.setup().click(within(screen.getByTestId('track-step-anonymous')).getByRole('link', { name: 'Start' }));
    expect(location.hash).toBe('#/exercise/anonymous');
  }, 20_000); // many queries over a whole page: slow on a busy machine

  it('says when there is no such track, with the way back', async () => {
    server.on('GET', '/api/tracks', ok([aTrack()]));
    render(<Track name="nope" me={aLearner()} />);
    expect(await screen.findByText('No track named “nope”')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'See the tracks on the exercises page' }).getAttribute('href')).toBe('#/');
  });

  it('a broken track says so; only the staff see why', async () => {
    const broken = aTrack({ exercises: [], solved: 0, broken: true, title: 'day-one', problems: 'tracks/day-one.yaml:1: the track file is not a mapping' });
    server.on('GET', '/api/tracks', ok([broken]));
    const { unmount } = render(<Track name="day-one" me={aLearner()} />);
    expect((await screen.findByRole('alert')).textContent).toContain('has problems');
    expect(screen.queryByText(/not a mapping/)).toBeNull();
    unmount();
    render(<Track name="day-one" me={aLearner({ role: 'instructor' })} />);
    expect(await screen.findByText(/tracks\/day-one\.yaml:1: the track file is not a mapping/)).toBeTruthy();
  });

  it('shows an error with a retry that recovers', async () => {
    const user = userEvent.setup();
    server.on('GET', '/api/tracks', fail(500, 'The tracks could not be read'));
    render(<Track name="day-one" me={aLearner()} />);
    expect(screen.getByRole('status').textContent).toContain('Loading the track');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The tracks could not be read');
    server.on('GET', '/api/tracks', ok([aTrack()]));
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Platform team, day one' })).toBeTruthy();
  });
});
