import { useState, type FormEvent } from 'react';
import type { Leaderboard } from '../../../server/protocol/rest.ts';
import { errorText, post } from '../api.ts';
import { useApi } from '../use-api.ts';

type Team = { id: number; name: string };

/** Join one of the event's teams (as the leaderboard lists them) or create one. */
export function TeamPicker({ eventId, onJoined }: { eventId: number; onJoined: (t: Team) => void }) {
  const board = useApi<Leaderboard>(`/api/events/${eventId}/leaderboard`);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const teams = board.data?.teams ?? [];

  const act = async (call: () => Promise<Team>): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      onJoined(await call());
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  };
  const create = (e: FormEvent): void => {
    e.preventDefault();
    void act(() => post<Team>(`/api/events/${eventId}/teams`, { name: name.trim() }));
  };

  return (
    <div className="team-picker">
      {board.data && teams.length === 0 && <p className="muted">No teams yet — create one.</p>}
      {teams.length > 0 && (
        <ul className="team-list" aria-label="Teams">
          {teams.map((t) => (
            <li key={t.id}>
              <span>{t.name}</span>
              <button type="button" className="btn btn-small" disabled={busy}
                onClick={() => void act(() => post<Team>(`/api/teams/${t.id}/join`))}>
                Join
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className="inline-form" onSubmit={create}>
        <label className="field grow">
          <span>New team name</span>
          <input data-testid="team-name-input" value={name} required maxLength={64} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="team-create" disabled={busy}>
          Create team
        </button>
      </form>
      {error && <p className="form-error" role="alert">{error}</p>}
    </div>
  );
}
