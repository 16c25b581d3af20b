import type { EventView, Leaderboard as Board, Me } from '../../../server/protocol/rest.ts';
import { EventClock } from '../components/EventClock.tsx';
import { ScoreChart } from '../components/ScoreChart.tsx';
import { StandingsTable } from '../components/StandingsTable.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';
import { useLive } from '../use-live.ts';

/** An event's live standings: teams, individuals, score over time, the clock. */
export function Leaderboard({ eventId, me }: { eventId: number; me: Me }) {
  const board = useApi<Board>(`/api/events/${eventId}/leaderboard`);
  const events = useApi<EventView[]>('/api/events');
  const staff = me.role === 'admin' || me.role === 'instructor';
  const { setData } = board;

  useLive('leaderboard:watch', { eventId }, 'leaderboard:update', (b) => void (b.eventId === eventId && setData(b)), eventId);

  const name = events.data?.find((e) => e.id === eventId)?.name ?? `Event ${eventId}`;
  const b = board.data;
  return (
    <section className="page">
      <header className="page-head row">
        <div>
          <h1>{name} · leaderboard</h1>
          {b?.frozenAt ? (
            <p className="notice notice-info" data-testid="frozen" role="status">
              The scoreboard is frozen since {new Date(b.frozenAt).toLocaleTimeString()}: points scored since then show when the event ends.
            </p>
          ) : (
            <p className="muted">Live: scores move as soon as the checker confirms a fix.</p>
          )}
        </div>
        <div className="head-actions">
          {b && <EventClock startsAt={b.startsAt} endsAt={b.endsAt} />}
          {staff && (
            <>
              <a className="btn btn-small" href={`/api/events/${eventId}/leaderboard.csv`} data-testid="csv-export" download>
                Download CSV
              </a>
              <a className="btn btn-small btn-ghost" href={href.instructor(eventId)}>
                Instructor view
              </a>
            </>
          )}
        </div>
      </header>
      {board.error !== undefined && <ErrorBox error={board.error} onRetry={board.reload} />}
      {!b && board.loading && <Loading what="Loading the leaderboard" />}
      {b && (
        <>
          <div className="card chart-card">
            <h2 className="section-title">Score over time</h2>
            <ScoreChart board={b} />
          </div>
          <div className="two-col">
            <StandingsTable title="Teams" kind="team" rows={b.teams} empty="No teams yet — create one on the Events page." />
            <StandingsTable title="Individuals" kind="individual" rows={b.individuals} empty="No one has scored yet." />
          </div>
        </>
      )}
    </section>
  );
}
