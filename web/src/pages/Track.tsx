import type { Me, TrackStep, TrackView } from '../../../server/protocol/rest.ts';
import { Markdown } from '../components/Markdown.tsx';
import { Empty, ErrorBox, Loading } from '../components/Status.tsx';
import { TrackProgress, totalTime } from '../components/TrackProgress.tsx';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

/** One track: its description, the learner's progress, and its exercises in order, each
 * with a link to start it (in practice). */
export function Track({ name, me }: { name: string; me: Me }) {
  const tracks = useApi<TrackView[]>('/api/tracks');
  const track = tracks.data?.find((t) => t.name === name);
  const staff = me.role === 'admin' || me.role === 'instructor';
  const back = (
    <p className="small">
      <a href={href.catalog()}>← All exercises and tracks</a>
    </p>
  );
  if (tracks.error !== undefined && !tracks.data) return <section className="page">{back}<ErrorBox error={tracks.error} onRetry={tracks.reload} /></section>;
  if (!tracks.data) return <section className="page"><Loading what="Loading the track" /></section>;
  if (!track) {
    return (
      <section className="page">
        {back}
        <Empty title={`No track named “${name}”`}>
          <a href={href.catalog()}>See the tracks on the exercises page</a>.
        </Empty>
      </section>
    );
  }
  if (track.broken) {
    return (
      <section className="page">
        {back}
        <h1>{track.name}</h1>
        <div className="notice notice-error" role="alert"><span>This track’s file has problems and cannot be shown.</span></div>
        {staff && track.problems && <pre className="problems">{track.problems}</pre>}
      </section>
    );
  }
  return (
    <section className="page track-page">
      {back}
      <header className="page-head">
        <h1>{track.title}</h1>
        <p className="muted small">
          {track.exercises.length} exercises · {totalTime(track.exercises.map((e) => e.minutes))}
        </p>
        <TrackProgress solved={track.solved} total={track.exercises.length} testId="track-progress" />
      </header>
      <Markdown source={track.description} testId="track-description" />
      <ol className="track-steps" aria-label="Exercises in order">
        {track.exercises.map((e, i) => (
          <li key={e.name}>
            <Step step={e} index={i + 1} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function Step({ step: e, index }: { step: TrackStep; index: number }) {
  const blocked = !e.available || e.broken;
  const reason = e.broken ? 'This exercise is broken and cannot be started.' : !e.available ? (e.unavailableReason ?? 'Not available on this server.') : undefined;
  return (
    <article className={`card track-step${blocked ? ' is-disabled' : ''}${e.solved ? ' is-solved' : ''}`} data-testid={`track-step-${e.name}`}>
      <span className="track-step-number" aria-hidden="true">{index}</span>
      <div className="track-step-body">
        <header className="exercise-card-head">
          <h2>{e.title}</h2>
          <span className={`badge ${e.solved ? 'state-met' : 'state-not-started'}`} data-testid={`track-step-state-${e.name}`}>
            {e.solved ? '✓ Solved' : 'Not solved yet'}
          </span>
        </header>
        <div className="track-step-facts">
          {e.difficulty && <span className={`pill level-${e.difficulty.toLowerCase()}`}>{e.difficulty}</span>}
          {e.minutes !== undefined && <span className="muted small">{e.minutes} min</span>}
          <ul className="tags" aria-label="Tags">
            {e.tags.map((t) => (
              <li key={t} className="tag">{t}</li>
            ))}
          </ul>
        </div>
        {reason && <p className="card-reason">{reason}</p>}
      </div>
      <div className="track-step-action">
        {blocked ? (
          <button type="button" className="btn" disabled>Start</button>
        ) : (
          <a className={`btn${e.solved ? '' : ' btn-primary'}`} href={href.exercise(e.name)} data-testid={`track-start-${e.name}`}>
            {e.solved ? 'Start again' : 'Start'}
          </a>
        )}
      </div>
    </article>
  );
}
