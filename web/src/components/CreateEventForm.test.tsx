import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogEntry } from '../../../server/protocol/rest.ts';
import { ApiRequestError } from '../api.ts';
import { anEntry, anEvent, fail, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import type { ApiState } from '../use-api.ts';
import { CreateEventForm } from './CreateEventForm.tsx';

const catalogOf = (o: Partial<ApiState<CatalogEntry[]>>): ApiState<CatalogEntry[]> => ({
  data: undefined, error: undefined, loading: false, reload: vi.fn(), setData: vi.fn(), ...o,
});
const CATALOG = catalogOf({
  data: [anEntry({ name: 'pod-escape', title: 'Pod escape', points: 30 }), anEntry({ name: 'rbac', title: 'RBAC', broken: true })],
});

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

describe('CreateEventForm', () => {
  it('lists the exercises to pick, marking broken ones', () => {
    render(<CreateEventForm catalog={CATALOG} onCreated={vi.fn()} />);
    expect(screen.getByRole('checkbox', { name: /Pod escape · 30 pts$/ })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /RBAC .* · broken/ })).toBeTruthy();
  });

  it('shows the catalog loading, or its error with a retry', async () => {
    const reload = vi.fn();
    const { rerender } = render(<CreateEventForm catalog={catalogOf({ loading: true })} onCreated={vi.fn()} />);
    expect(screen.getByRole('status').textContent).toContain('Loading exercises');
    rerender(<CreateEventForm catalog={catalogOf({ error: new ApiRequestError('catalog unavailable', 500), reload })} onCreated={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toContain('catalog unavailable');
    await userEvent.setup().click(screen.getByRole('button', { name: 'Try again' }));
    expect(reload).toHaveBeenCalled();
  });

  it('refuses an event without exercises, or ending before it starts, without asking the server', async () => {
    const user = userEvent.setup();
    render(<CreateEventForm catalog={CATALOG} onCreated={vi.fn()} />);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Friday lab');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    expect(screen.getByRole('alert').textContent).toBe('Pick at least one exercise.');

    await user.click(screen.getByRole('checkbox', { name: /Pod escape/ }));
    const ends = screen.getByLabelText('Ends');
    await user.clear(ends);
    await user.type(ends, '2000-01-01T10:00');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    expect(screen.getByRole('alert').textContent).toBe('The end must come after the start.');
    expect(server.requests).toHaveLength(0);
  });

  it('creates the event with the picked exercises, then resets; shows a server refusal', async () => {
    const user = userEvent.setup();
    const onCreated = vi.fn();
    server.on('POST', '/api/events', fail(403, 'instructors only'));
    render(<CreateEventForm catalog={CATALOG} onCreated={onCreated} />);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), ' Friday lab ');
    await user.click(screen.getByRole('checkbox', { name: /Pod escape/ }));
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not allowed: instructors only');
    expect(onCreated).not.toHaveBeenCalled();

    server.on('POST', '/api/events', ok(anEvent({ name: 'Friday lab', joinCode: 'ABCD' })));
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ joinCode: 'ABCD' })));
    const body = server.calls('POST', '/api/events')[1]?.body as { name: string; exercises: string[]; startsAt: string; endsAt: string };
    expect(body.name).toBe('Friday lab');
    expect(body.exercises).toEqual(['pod-escape']);
    expect(Date.parse(body.endsAt) - Date.parse(body.startsAt)).toBe(2 * 3600_000);
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe('');
    expect((screen.getByRole('checkbox', { name: /Pod escape/ }) as HTMLInputElement).checked).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends how the event runs itself: freeze, hint policy, clusters destroyed on completion', async () => {
    const user = userEvent.setup();
    server.on('POST', '/api/events', ok(anEvent({ name: 'CTF' })));
    render(<CreateEventForm catalog={CATALOG} onCreated={vi.fn()} />);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'CTF');
    await user.click(screen.getByRole('checkbox', { name: /Pod escape/ }));
    await user.clear(screen.getByTestId('event-freeze'));
    await user.type(screen.getByTestId('event-freeze'), '30');
    await user.clear(screen.getByTestId('event-hint-cost'));
    await user.type(screen.getByTestId('event-hint-cost'), '2');
    await user.selectOptions(screen.getByTestId('event-destroy'), 'completion');
    await user.click(screen.getByRole('button', { name: 'Create event' }));
    await vi.waitFor(() => expect(server.calls('POST', '/api/events')).toHaveLength(1));
    expect(server.calls('POST', '/api/events')[0]!.body).toMatchObject({ freezeMinutes: 30, hintsAllowed: true, hintCostMultiplier: 2, destroyClusters: 'completion' });
    await user.selectOptions(screen.getByTestId('event-hints'), 'off');
    expect((screen.getByTestId('event-hint-cost') as HTMLInputElement).disabled).toBe(true);
  });
});
