import { useState } from 'react';
import type { CatalogEntry, EventView, Me } from '../../../server/protocol/rest.ts';
import { CreateEventForm } from '../components/CreateEventForm.tsx';
import { EventRow } from '../components/EventRow.tsx';
import { JoinEventForm } from '../components/JoinEventForm.tsx';
import { AccountForm } from '../components/AccountForm.tsx';
import { PasswordForm } from '../components/PasswordForm.tsx';
import { PlatformNotice } from '../components/PlatformNotice.tsx';
import { RoleForm } from '../components/RoleForm.tsx';
import { Empty, ErrorBox, Loading } from '../components/Status.tsx';
import { useApi } from '../use-api.ts';

/** My events; instructors create them, everyone joins with a code and picks a team. */
export function Events({ me }: { me: Me }) {
  const staff = me.role === 'admin' || me.role === 'instructor';
  const events = useApi<EventView[]>('/api/events');
  const catalog = useApi<CatalogEntry[]>(staff ? '/api/exercises' : null);
  const [created, setCreated] = useState<EventView>();
  const [joined, setJoined] = useState<EventView>();

  return (
    <section className="page">
      <header className="page-head">
        <h1>Events</h1>
        <p className="muted">An event is a class or a competition: a set of exercises, a time window, teams and a leaderboard.</p>
      </header>
      <div className="two-col">
        {staff && (
          <CreateEventForm
            catalog={catalog}
            onCreated={(ev) => {
              setCreated(ev);
              events.reload();
            }}
          />
        )}
        <div className="stack">
          {created && (
            <div className="notice notice-ok" role="status">
              <p>
                Created <strong>{created.name}</strong>. Learners join with the code{' '}
                <code className="join-code" data-testid="event-join-code">
                  {created.joinCode ?? '(not shown)'}
                </code>
              </p>
            </div>
          )}
          <JoinEventForm
            onJoined={(ev) => {
              setJoined(ev);
              events.reload();
            }}
          />
          {staff && <PlatformNotice />}
          {me.role === 'admin' && <RoleForm />}
          {me.role === 'admin' && <AccountForm />}
          <PasswordForm />
          {joined && (
            <div className="notice notice-ok" role="status">
              <p>
                You joined <strong>{joined.name}</strong>. Pick or create a team below.
              </p>
            </div>
          )}
        </div>
      </div>
      <h2 className="section-title">My events</h2>
      {events.error !== undefined && <ErrorBox error={events.error} onRetry={events.reload} />}
      {events.loading && !events.data && <Loading what="Loading events" />}
      {events.data && events.data.length === 0 && (
        <Empty title="No events yet">
          {staff ? 'Create one above, then share its join code.' : 'Ask your instructor for a join code and enter it above.'}
        </Empty>
      )}
      <ul className="event-list">
        {events.data?.map((ev) => (
          <li key={ev.id}>
            <EventRow event={ev} staff={staff} onChanged={events.reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}
