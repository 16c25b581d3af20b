import type { TrackView } from '../../../server/protocol/rest.ts';
import { href } from '../router.ts';
import { TrackProgress, totalTime } from './TrackProgress.tsx';

/** One track in the catalog's strip: its title, size, time, progress and a link to it. */
export function TrackCard({ track: t, showProblems }: { track: TrackView; showProblems: boolean }) {
  return (
    <article className={`card track-card${t.broken ? ' is-disabled' : ''}`} data-testid={`track-card-${t.name}`} aria-disabled={t.broken || undefined}>
      <h3>{t.broken ? t.name : <a href={href.track(t.name)}>{t.title}</a>}</h3>
      {t.broken ? (
        <p className="card-reason">This track’s file has problems and cannot be shown.</p>
      ) : (
        <>
          <p className="muted small">
            {t.exercises.length} exercises · {totalTime(t.exercises.map((e) => e.minutes))}
          </p>
          <TrackProgress solved={t.solved} total={t.exercises.length} testId={`track-progress-${t.name}`} />
        </>
      )}
      {t.broken && showProblems && t.problems && <pre className="problems">{t.problems}</pre>}
    </article>
  );
}
