import { useEffect, useState } from 'react';
import type { Announcement } from '../../../server/protocol/rest.ts';
import { getSocket } from '../socket.ts';

/** The instructor's announcements to an event, shown on every page the moment they are sent,
 * newest first, until the learner dismisses them. */
export function Announcements() {
  const [shown, setShown] = useState<Announcement[]>([]);
  useEffect(() => {
    const socket = getSocket();
    const onAnnouncement = (a: Announcement): void => setShown((s) => [a, ...s.filter((x) => x.id !== a.id)].slice(0, 3));
    socket.on('announcement', onAnnouncement);
    return () => void socket.off('announcement', onAnnouncement);
  }, []);
  if (shown.length === 0) return null;
  return (
    <div className="announcements" role="region" aria-label="Announcements">
      {shown.map((a) => (
        <div key={a.id} className="notice notice-info" role="status" data-testid="announcement">
          <p>
            <strong>Announcement</strong> <span className="muted small">{new Date(a.at).toLocaleTimeString()}</span>: {a.text}
          </p>
          <button type="button" className="btn btn-small" onClick={() => setShown((s) => s.filter((x) => x.id !== a.id))}>
            Dismiss
          </button>
        </div>
      ))}
    </div>
  );
}
