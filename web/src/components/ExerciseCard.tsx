import type { CatalogEntry } from '../../../server/protocol/rest.ts';

interface Props {
  entry: CatalogEntry;
  /** Admins and instructors see why a broken exercise is broken. */
  showProblems: boolean;
  /** The chosen event's name when this exercise is not part of it. */
  notInEvent?: string;
  onStart: () => void;
}

/** One exercise in the catalog, with its Start button (disabled, with the reason, when it cannot run). */
export function ExerciseCard({ entry: ex, showProblems, notInEvent, onStart }: Props) {
  const blocked = !ex.available || ex.broken;
  const reason = ex.broken
    ? 'This exercise is broken and cannot be started.'
    : !ex.available
      ? (ex.unavailableReason ?? 'Not available on this server.')
      : notInEvent
        ? `Not part of ${notInEvent}.`
        : undefined;
  return (
    <article className={`card exercise-card${blocked ? ' is-disabled' : ''}`} data-testid={`exercise-card-${ex.name}`}
      aria-disabled={blocked || undefined}>
      <header className="exercise-card-head">
        <h2>{ex.title}</h2>
        {ex.difficulty && <span className={`pill level-${ex.difficulty.toLowerCase()}`}>{ex.difficulty}</span>}
      </header>
      <ul className="tags" aria-label="Tags">
        {ex.tags.map((t) => (
          <li key={t} className="tag">
            {t}
          </li>
        ))}
      </ul>
      <dl className="facts">
        {ex.minutes !== undefined && (
          <div>
            <dt>Time</dt>
            <dd>{ex.minutes} min</dd>
          </div>
        )}
        <div>
          <dt>Points</dt>
          <dd>{ex.points}</dd>
        </div>
        <div>
          <dt>Objectives</dt>
          <dd>{ex.objectives}</dd>
        </div>
      </dl>
      {reason && <p className="card-reason">{reason}</p>}
      {ex.broken && showProblems && ex.problems && <pre className="problems">{ex.problems}</pre>}
      <footer className="card-actions">
        <button type="button" className="btn btn-primary" data-testid={`exercise-start-${ex.name}`}
          disabled={blocked || notInEvent !== undefined} onClick={onStart}>
          Start
        </button>
      </footer>
    </article>
  );
}
