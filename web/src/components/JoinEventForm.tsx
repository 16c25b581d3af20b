import { useState, type FormEvent } from 'react';
import type { EventView } from '../../../server/protocol/rest.ts';
import { post } from '../api.ts';
import { useAction } from '../use-action.ts';

/** Join an event with the code an instructor shared. */
export function JoinEventForm({ onJoined }: { onJoined: (ev: EventView) => void }) {
  const [code, setCode] = useState('');
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    await run(async () => {
      onJoined(await post<EventView>('/api/events/join', { code: code.trim() }));
      setCode('');
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="join-title">
      <h2 id="join-title">Join an event</h2>
      <div className="inline-form">
        <label className="field grow">
          <span>Join code</span>
          <input data-testid="join-code-input" value={code} required autoComplete="off" spellCheck={false}
            onChange={(e) => setCode(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="join-submit" disabled={busy}>
          {busy ? 'Joining…' : 'Join'}
        </button>
      </div>
      {error && <p className="form-error" role="alert">{error}</p>}
    </form>
  );
}
