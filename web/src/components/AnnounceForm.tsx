import { useState } from 'react';
import { post } from '../api.ts';
import { useAction } from '../use-action.ts';

/** An instructor's message to every participant of the event, shown at once on their screens. */
export function AnnounceForm({ eventId }: { eventId: number }) {
  const [text, setText] = useState('');
  const [sent, setSent] = useState<string>();
  const { busy, error, run } = useAction();
  return (
    <form className="inline-form" onSubmit={(e) => {
      e.preventDefault();
      void run(async () => {
        await post(`/api/events/${eventId}/announcements`, { text });
        setSent(text.trim());
        setText('');
      });
    }}>
      <label className="field grow">
        <span>Announce to every participant</span>
        <input value={text} maxLength={500} onChange={(e) => setText(e.target.value)} placeholder="15 minutes left: push your fixes" />
      </label>
      <button className="btn" type="submit" disabled={busy || text.trim() === ''}>Announce</button>
      {error && <p className="field-error" role="alert">{error}</p>}
      {sent && !error && <p className="muted small" role="status">Announced: “{sent}”</p>}
    </form>
  );
}
