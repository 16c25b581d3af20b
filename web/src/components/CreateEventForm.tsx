import { useState, type FormEvent } from 'react';
import type { CatalogEntry, CreateEventRequest, EventView } from '../../../server/protocol/rest.ts';
import { post } from '../api.ts';
import { fromLocalInput, toLocalInput } from '../time.ts';
import type { ApiState } from '../use-api.ts';
import { ErrorBox, Loading } from './Status.tsx';
import { useAction } from '../use-action.ts';

/** Instructors and admins: name, time window, exercises, and how the event runs itself
 * (scoreboard freeze, hint policy, when clusters are destroyed). */
export function CreateEventForm({ catalog, onCreated }: { catalog: ApiState<CatalogEntry[]>; onCreated: (ev: EventView) => void }) {
  const [name, setName] = useState('');
  const [starts, setStarts] = useState(() => toLocalInput(new Date()));
  const [ends, setEnds] = useState(() => toLocalInput(new Date(Date.now() + 2 * 3600_000)));
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [freeze, setFreeze] = useState('0');
  const [hints, setHints] = useState<'on' | 'off'>('on');
  const [multiplier, setMultiplier] = useState('1');
  const [destroy, setDestroy] = useState<EventView['destroyClusters']>('event-end');
  const { busy, error, setError, run } = useAction();

  const toggle = (ex: string, on: boolean): void =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(ex);
      else next.delete(ex);
      return next;
    });

  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    const startsAt = fromLocalInput(starts);
    const endsAt = fromLocalInput(ends);
    if (!startsAt || !endsAt) return setError('Enter a start and an end.');
    if (Date.parse(endsAt) <= Date.parse(startsAt)) return setError('The end must come after the start.');
    if (picked.size === 0) return setError('Pick at least one exercise.');
    const freezeMinutes = Number(freeze);
    const hintCostMultiplier = Number(multiplier);
    if (!Number.isInteger(freezeMinutes) || freezeMinutes < 0) return setError('Freeze: a whole number of minutes, 0 for no freeze.');
    if (!Number.isFinite(hintCostMultiplier) || hintCostMultiplier < 0 || hintCostMultiplier > 10) return setError('Hint cost: a multiplier from 0 to 10.');
    await run(async () => {
      const body: CreateEventRequest = { name: name.trim(), startsAt, endsAt, exercises: [...picked], freezeMinutes, hintsAllowed: hints === 'on', hintCostMultiplier, destroyClusters: destroy };
      onCreated(await post<EventView>('/api/events', body));
      setName('');
      setPicked(new Set());
    });
  };

  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="create-title">
      <h2 id="create-title">Create an event</h2>
      <label className="field">
        <span>Name</span>
        <input data-testid="event-name" value={name} required onChange={(e) => setName(e.target.value)} />
      </label>
      <div className="inline-form">
        <label className="field grow">
          <span>Starts</span>
          <input data-testid="event-starts" type="datetime-local" value={starts} required onChange={(e) => setStarts(e.target.value)} />
        </label>
        <label className="field grow">
          <span>Ends</span>
          <input data-testid="event-ends" type="datetime-local" value={ends} required onChange={(e) => setEnds(e.target.value)} />
        </label>
      </div>
      <div className="inline-form">
        <label className="field grow">
          <span>Freeze the scoreboard for the last (minutes)</span>
          <input data-testid="event-freeze" type="number" min={0} max={1440} value={freeze} onChange={(e) => setFreeze(e.target.value)} />
        </label>
        <label className="field grow">
          <span>Hints</span>
          <select data-testid="event-hints" value={hints} onChange={(e) => setHints(e.target.value as 'on' | 'off')}>
            <option value="on">allowed</option>
            <option value="off">off</option>
          </select>
        </label>
        <label className="field grow">
          <span>Hint cost × </span>
          <input data-testid="event-hint-cost" type="number" min={0} max={10} step={0.5} value={multiplier} disabled={hints === 'off'} onChange={(e) => setMultiplier(e.target.value)} />
        </label>
        <label className="field grow">
          <span>Destroy a learner’s cluster</span>
          <select data-testid="event-destroy" value={destroy} onChange={(e) => setDestroy(e.target.value as EventView['destroyClusters'])}>
            <option value="event-end">when the event ends</option>
            <option value="completion">once they complete the exercise</option>
          </select>
        </label>
      </div>
      <fieldset className="field checks">
        <legend>Exercises</legend>
        {catalog.error !== undefined && <ErrorBox error={catalog.error} onRetry={catalog.reload} />}
        {catalog.loading && !catalog.data && <Loading what="Loading exercises" />}
        {catalog.data?.length === 0 && <p className="muted">No exercises yet.</p>}
        {catalog.data?.map((ex) => (
          <label key={ex.name} className="check">
            <input type="checkbox" data-testid={`event-exercise-${ex.name}`} checked={picked.has(ex.name)}
              onChange={(e) => toggle(ex.name, e.target.checked)} />
            <span>
              {ex.title} <span className="muted small">· {ex.points} pts{ex.broken ? ' · broken' : !ex.available ? ' · unavailable here' : ''}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {error && <p className="form-error" role="alert">{error}</p>}
      <button type="submit" className="btn btn-primary" data-testid="event-create" disabled={busy}>
        {busy ? 'Creating…' : 'Create event'}
      </button>
    </form>
  );
}
