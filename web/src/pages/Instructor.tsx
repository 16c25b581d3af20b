import type { EventView, InstructorGrid } from '../../../server/protocol/rest.ts';
import { GridTable } from '../components/GridTable.tsx';
import { Empty, ErrorBox, Loading } from '../components/Status.tsx';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

const TEST_LABEL = { passed: '✓ passed', failed: '✗ failed', unknown: '? unknown' } as const;

/** Every learner of an event × every objective, refreshed every 3 s; exercise proofs. */
export function Instructor({ eventId }: { eventId: number }) {
  const grid = useApi<InstructorGrid>(`/api/events/${eventId}/grid`, 3000);
  const events = useApi<EventView[]>('/api/events');
  const ev = events.data?.find((e) => e.id === eventId);
  const g = grid.data;

  return (
    <section className="page">
      <header className="page-head row">
        <div>
          <h1>{ev?.name ?? `Event ${eventId}`} · instructor view</h1>
          <p className="muted">
            Refreshed every 3 seconds.{ev?.joinCode && <> Join code: <code className="join-code">{ev.joinCode}</code></>}
          </p>
        </div>
        <a className="btn btn-small" href={href.leaderboard(eventId)}>
          Leaderboard
        </a>
      </header>
      {grid.error !== undefined && <ErrorBox error={grid.error} onRetry={grid.reload} />}
      {!g && grid.loading && <Loading what="Loading the grid" />}
      {g && (
        <>
          <div className="card grid-card">
            <h2 className="section-title">Learners × objectives</h2>
            {g.learners.length === 0 ? (
              <Empty title="No learners yet">Share the join code; learners appear here once they join.</Empty>
            ) : (
              <GridTable grid={g} />
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
