import { useMemo, useState } from 'react';
import type { EventView, InstructorGrid } from '../../../server/protocol/rest.ts';
import { AnnounceForm } from '../components/AnnounceForm.tsx';
import { GridTable } from '../components/GridTable.tsx';
import { LearnerActions } from '../components/LearnerActions.tsx';
import { Empty, ErrorBox, Loading } from '../components/Status.tsx';
import { filterGrid, NO_FILTER, teamsOf, type GridFilter } from '../grid-filter.ts';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useLive } from '../use-live.ts';

const TEST_LABEL = { passed: '✓ passed', failed: '✗ failed', unknown: '? unknown' } as const;

/** Every learner of an event × every objective, pushed by the server on every change; filters,
 * actions on a learner, announcements, and the exercise proofs. */
export function Instructor({ eventId }: { eventId: number }) {
  const grid = useApi<InstructorGrid>(`/api/events/${eventId}/grid`);
  const events = useApi<EventView[]>('/api/events');
  const ev = events.data?.find((e) => e.id === eventId);
  const [filter, setFilter] = useState<GridFilter>(NO_FILTER);
  const { setData } = grid;

  useLive('grid:watch', { eventId }, 'grid:update', ({ eventId: id, ...g }) => void (id === eventId && setData(g)), eventId);

  const g = grid.data;
  const shown = useMemo(() => g && filterGrid(g, filter), [g, filter]);
  const set = (p: Partial<GridFilter>) => setFilter((f) => ({ ...f, ...p }));

  return (
    <section className="page">
      <header className="page-head row">
        <div>
          <h1>{ev?.name ?? `Event ${eventId}`} · instructor view</h1>
          <p className="muted">
            Live: updated the moment a learner’s state changes.{ev?.joinCode && <> Join code: <code className="join-code">{ev.joinCode}</code></>}
          </p>
        </div>
        <div className="head-actions">
          <a className="btn btn-small" href={href.competency(eventId)}>
            Competency report
          </a>
          <a className="btn btn-small" href={href.leaderboard(eventId)}>
            Leaderboard
          </a>
        </div>
      </header>
      <div className="card">
        <AnnounceForm eventId={eventId} />
      </div>
      {grid.error !== undefined && <ErrorBox error={grid.error} onRetry={grid.reload} />}
      {!g && grid.loading && <Loading what="Loading the grid" />}
      {g && shown && (
        <>
          <div className="card grid-card">
            <h2 className="section-title">Learners × objectives</h2>
            {g.learners.length === 0 ? (
              <Empty title="No learners yet">Share the join code; learners appear here once they join.</Empty>
            ) : (
              <>
                <div className="grid-filters inline-form" role="search">
                  <label className="field">
                    <span>Learner or team</span>
                    <input type="search" value={filter.text} onChange={(e) => set({ text: e.target.value })} />
                  </label>
                  <label className="field">
                    <span>Team</span>
                    <select value={filter.team} onChange={(e) => set({ team: e.target.value })}>
                      <option value="">every team</option>
                      {teamsOf(g).map((t) => <option key={t} value={t}>{t}</option>)}
                    </select>
                  </label>
                  <label className="field">
                    <span>Exercise</span>
                    <select value={filter.exercise} onChange={(e) => set({ exercise: e.target.value })}>
                      <option value="">every exercise</option>
                      {g.exercises.map((x) => <option key={x.name} value={x.name}>{x.name}</option>)}
                    </select>
                  </label>
                  <label className="field">
                    <span>Show</span>
                    <select value={filter.show} onChange={(e) => set({ show: e.target.value as GridFilter['show'] })}>
                      <option value="all">everyone</option>
                      <option value="stuck">stuck (unmet or regressed)</option>
                      <option value="running">with a running session</option>
                      <option value="idle">not started</option>
                    </select>
                  </label>
                  <span className="muted small" role="status">{shown.learners.length} of {g.learners.length} learners</span>
                </div>
                <GridTable grid={shown} replayHref={href.replay} actions={(l) => <LearnerActions eventId={eventId} learner={l} />} />
              </>
            )}
          </div>
          <div className="card">
            <h2 className="section-title">Exercise tests</h2>
            {g.exerciseTests.length === 0 ? (
              <p className="muted">No test results yet (run <code>batten exercise test</code>).</p>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Exercise</th>
                    <th scope="col">Status</th>
                    <th scope="col">Detail</th>
                  </tr>
                </thead>
                <tbody>
                  {g.exerciseTests.map((t) => (
                    <tr key={t.name}>
                      <th scope="row">{t.name}</th>
                      <td>
                        <span className={`badge test-${t.status}`}>{TEST_LABEL[t.status]}</span>
                      </td>
                      <td className="small">{t.detail ?? ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        </>
      )}
    </section>
  );
}
