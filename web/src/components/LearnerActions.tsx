import type { InstructorGrid } from '../../../server/protocol/rest.ts';
import { post } from '../api.ts';
import { useAction } from '../use-action.ts';

type Learner = InstructorGrid['learners'][number];

/** What an instructor can do for one learner: a fresh cluster, more time, end the session. */
export function LearnerActions({ eventId, learner: l }: { eventId: number; learner: Learner }) {
  const { busy, error, run } = useAction();
  const base = `/api/events/${eventId}/learners/${l.id}`;
  const act = (what: string, body: unknown = {}) => run(async () => void (await post(`${base}/${what}`, body)));
  return (
    <div className="learner-actions" data-testid={`actions-${l.id}`}>
      {l.session && (
        <>
          <button type="button" className="btn btn-small" disabled={busy || l.session.status !== 'ready'} onClick={() => void act('fresh-cluster')}
            title={`Replace ${l.name}'s cluster for ${l.session.exercise} with a fresh one (their points are kept)`}>
            Fresh cluster
          </button>
          <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act('end-session')} title={`End ${l.name}'s session on ${l.session.exercise}`}>
            End session
          </button>
        </>
      )}
      <button type="button" className="btn btn-small" disabled={busy} onClick={() => void act('extend', { minutes: 15 })} title={`Give ${l.name} 15 more minutes after the event ends`}>
        +15 min
      </button>
      {l.extraMinutes > 0 && <span className="muted small"> +{l.extraMinutes} min given</span>}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
