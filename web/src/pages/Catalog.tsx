import { useEffect, useState } from 'react';
import type { CatalogEntry, EventView, Me, TrackView } from '../../../server/protocol/rest.ts';
import { facets, filterCatalog, NO_FILTER, type CatalogFilter, type Choice } from '../catalog-filter.ts';
import { ExerciseCard } from '../components/ExerciseCard.tsx';
import { TrackCard } from '../components/TrackCard.tsx';
import { Empty, ErrorBox, Loading } from '../components/Status.tsx';
import { href, navigate } from '../router.ts';
import { useApi } from '../use-api.ts';

/** The event to preselect: the first one running now, else the first not yet ended, else practice. */
function defaultEvent(events: EventView[], now = Date.now()): number {
  const running = events.find((e) => Date.parse(e.startsAt) <= now && now < Date.parse(e.endsAt));
  const upcoming = events.find((e) => now < Date.parse(e.endsAt));
  return (running ?? upcoming)?.id ?? 0;
}

/** The exercises, and where to start them: practice or one of my events. */
export function Catalog({ me }: { me: Me }) {
  const exercises = useApi<CatalogEntry[]>('/api/exercises');
  const events = useApi<EventView[]>('/api/events');
  const tracks = useApi<TrackView[]>('/api/tracks');
  const [eventId, setEventId] = useState<number>();
  useEffect(() => {
    if (eventId === undefined && events.data) setEventId(defaultEvent(events.data));
  }, [events.data, eventId]);

  const chosen = events.data?.find((e) => e.id === eventId);
  const staff = me.role === 'admin' || me.role === 'instructor';
  const all = exercises.data ?? [];
  const [filter, setFilter] = useState<CatalogFilter>(NO_FILTER);
  const list = filterCatalog(all, filter);
  const choices = facets(all);
  const set = (f: Partial<CatalogFilter>) => setFilter((old) => ({ ...old, ...f }));

  return (
    <section className="page">
      <header className="page-head row">
        <div>
          <h1>Exercises</h1>
          <p className="muted">Each one gives you a real, deliberately weak cluster and a shell on it. Fix it; keep the app running.</p>
        </div>
        {events.data && events.data.length > 0 && (
          <label className="field field-inline">
            <span>Start in</span>
            <select data-testid="exercise-event-select" value={String(eventId ?? 0)}
              onChange={(e) => setEventId(Number(e.target.value))}>
              <option value="0">Practice (no event)</option>
              {events.data.map((ev) => (
                <option key={ev.id} value={String(ev.id)}>
                  {ev.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      {events.error !== undefined && <ErrorBox error={events.error} onRetry={events.reload} />}
      {exercises.error !== undefined && <ErrorBox error={exercises.error} onRetry={exercises.reload} />}
      {exercises.loading && !exercises.data && <Loading what="Loading exercises" />}
      {tracks.error !== undefined && <ErrorBox error={tracks.error} onRetry={tracks.reload} />}
      {tracks.data && tracks.data.length > 0 && (
        <section className="tracks" aria-labelledby="tracks-title">
          <h2 id="tracks-title" className="section-title">Tracks</h2>
          <ul className="track-cards">
            {tracks.data.map((t) => (
              <li key={t.name}>
                <TrackCard track={t} showProblems={staff} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {all.length > 0 && (
        <div className="filters" role="search" aria-label="Filter exercises">
          <input type="search" className="input" placeholder="Search" aria-label="Search exercises" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
          <FilterSelect label="OWASP K8s Top 10" value={filter.owasp} choices={choices.owasp} onChange={(owasp) => set({ owasp })} />
          <FilterSelect label="CKS domain" value={filter.cks} choices={choices.cks} onChange={(cks) => set({ cks })} />
          <FilterSelect label="Level" value={filter.level} choices={choices.levels} onChange={(level) => set({ level })} />
          <label className="field field-inline">
            <span>Time</span>
            <select aria-label="Time" value={String(filter.maxMinutes)} onChange={(e) => set({ maxMinutes: Number(e.target.value) })}>
              <option value="0">any</option>
              {[15, 30, 60].map((m) => (
                <option key={m} value={String(m)}>≤ {m} min</option>
              ))}
            </select>
          </label>
          <span className="muted small" data-testid="catalog-count">
            {list.length} of {all.length}
          </span>
        </div>
      )}
      {exercises.data && all.length > 0 && list.length === 0 && (
        <Empty title="No exercise matches">
          <button type="button" className="btn" onClick={() => setFilter(NO_FILTER)}>Clear the filters</button>
        </Empty>
      )}
      {exercises.data && all.length === 0 && (
        <Empty title="No exercises yet">
          Exercises are folders under <code>exercises/</code> on the server; see the README to add one.
        </Empty>
      )}
      <ul className="cards">
        {list.map((ex) => {
          const inEvent = !chosen || chosen.exercises.length === 0 || chosen.exercises.includes(ex.name);
          return (
            <li key={ex.name}>
              <ExerciseCard
                entry={ex}
                showProblems={staff}
                notInEvent={inEvent ? undefined : chosen?.name}
                onStart={() => navigate(href.exercise(ex.name, chosen?.id))}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function FilterSelect({ label, value, choices, onChange }: { label: string; value: string; choices: Choice[]; onChange: (v: string) => void }) {
  return (
    <label className="field field-inline">
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">all</option>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label} ({c.count})
          </option>
        ))}
      </select>
    </label>
  );
}
