import { useState } from 'react';
import type { EventView } from '../../../server/protocol/rest.ts';
import { href } from '../router.ts';
import { eventClock, formatDateTime, useNow } from '../time.ts';
import { TeamPicker } from './TeamPicker.tsx';

/** One of my events: when, what, the join code (staff), my team, and where to look. */
export function EventRow({ event: ev, staff, onChanged }: { event: EventView; staff: boolean; onChanged: () => void }) {
  const now = useNow(1000);
  const clock = eventClock(ev.startsAt, ev.endsAt, now);
  const [team, setTeam] = useState(ev.myTeam);
  const myTeam = ev.myTeam ?? team;
  return (
    <article className="card event-row" data-testid={`event-row-${ev.id}`} aria-labelledby={`event-${ev.id}-name`}>
      <header className="event-row-head">
        <h3 id={`event-${ev.id}-name`}>{ev.name}</h3>
        <span className={`pill clock-${clock.phase}`}>{clock.text}</span>
      </header>
      <p className="muted small">
        {formatDateTime(ev.startsAt)} → {formatDateTime(ev.endsAt)} · {ev.exercises.length} exercise
        {ev.exercises.length === 1 ? '' : 's'}
      </p>
      {staff && ev.joinCode && (
        <p>
          Join code: <code className="join-code" data-testid="event-join-code">{ev.joinCode}</code>
        </p>
      )}
      <div className="event-team">
        {myTeam ? (
          <p>
            Your team: <strong data-testid="my-team">{myTeam.name}</strong>
          </p>
        ) : (
          <TeamPicker eventId={ev.id} onJoined={(t) => {
            setTeam(t);
            onChanged();
          }} />
        )}
      </div>
      <nav className="event-links" aria-label={`${ev.name} pages`}>
        <a className="btn btn-small" href={href.leaderboard(ev.id)} data-testid={`leaderboard-link-${ev.id}`}>
          Leaderboard
        </a>
        {staff && (
          <a className="btn btn-small" href={href.instructor(ev.id)} data-testid={`instructor-link-${ev.id}`}>
            Instructor view
          </a>
        )}
        <a className="btn btn-small btn-ghost" href={href.catalog()}>
          Exercises
        </a>
      </nav>
    </article>
  );
}
