import { useState } from 'react';
import type { ExerciseView } from '../../../server/protocol/rest.ts';
import { errorText } from '../api.ts';
import { Markdown } from '../components/Markdown.tsx';
import { Objectives } from '../components/Objectives.tsx';
import { SessionPanel } from '../components/SessionPanel.tsx';
import { ErrorBox, Loading } from '../components/Status.tsx';
import { href } from '../router.ts';
import { useExerciseSession } from '../session.ts';
import { useApi } from '../use-api.ts';

/** Briefing and live objectives on the left, the terminal on the right. */
export function Exercise({ name, eventId }: { name: string; eventId?: number }) {
  const exercise = useApi<ExerciseView>(`/api/exercises/${encodeURIComponent(name)}`);
  const s = useExerciseSession(name, eventId);
  const [endError, setEndError] = useState<string>();
  const ex = exercise.data;
  const session = s.session;
  const objectives = session?.objectives.length ? session.objectives : (ex?.objectives ?? []);
  const active = session && (session.status === 'ready' || session.status === 'preparing') && s.exited === undefined;
  const canReveal = session && session.status !== 'failed' && session.status !== 'ended';

  const end = (): void => {
    setEndError(undefined);
    s.end().catch((e: unknown) => setEndError(errorText(e)));
  };
  const reset = (): void => {
    if (!window.confirm('Replace your cluster with a fresh one, as the exercise sets it up? What you changed in it is lost; your points are kept.')) return;
    setEndError(undefined);
    s.reset().catch((e: unknown) => setEndError(errorText(e)));
  };

  return (
    <div className="workspace">
      <aside className="brief-panel" aria-label="Briefing and objectives">
        <header className="brief-head">
          <a className="back" href={href.catalog()}>
            ← Exercises
          </a>
          <h1>{ex?.title ?? name}</h1>
          <div className="brief-meta">
            {ex?.difficulty && <span className="pill">{ex.difficulty}</span>}
            {ex?.minutes !== undefined && <span className="muted">{ex.minutes} min</span>}
            <span className="muted">{eventId ? 'in an event' : 'practice'}</span>
          </div>
          <div className="scorebox" aria-label="Score">
            <span className="muted small">Score</span>
            <strong data-testid="score">{session?.score ?? 0}</strong>
          </div>
        </header>
        {exercise.error !== undefined && <ErrorBox error={exercise.error} onRetry={exercise.reload} />}
        {!ex && exercise.loading && <Loading what="Loading the briefing" />}
        {/* the learner's own names once their cluster is taken (‹name› before); the page
            header already shows the title: drop the briefing's own first heading */}
        <Markdown source={(session?.briefing ?? ex?.briefing ?? '').replace(/^# .*\n+/, '')} testId="briefing" />
        <h2 className="section-title">
          Objectives
          {ex && ex.completionBonus > 0 && <span className="muted small"> · +{ex.completionBonus} bonus for all of them</span>}
        </h2>
        <Objectives objectives={objectives} revealed={s.revealed} onReveal={canReveal ? s.revealHint : undefined} />
        <footer className="brief-foot">
          {active && session.status === 'ready' && (
            <button type="button" className="btn" data-testid="reset-cluster" onClick={reset}>
              Reset my cluster
            </button>
          )}
          {active && (
            <button type="button" className="btn btn-danger" data-testid="end-session" onClick={end}>
              End session
            </button>
          )}
          {endError && <p className="form-error" role="alert">{endError}</p>}
          {session?.status === 'ended' && (
            <a className="btn btn-small" href={href.replay(session.id)} data-testid="replay-link">
              Replay: what you changed
            </a>
          )}
        </footer>
      </aside>
      <SessionPanel s={s} />
    </div>
  );
}
