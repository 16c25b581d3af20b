import type { SessionView } from '../../../server/protocol/rest.ts';
import type { ExerciseSession } from '../session.ts';
import { ErrorBox } from './Status.tsx';
import { TerminalView } from './TerminalView.tsx';

/** What the status line says about the session. */
export function statusText(s: ExerciseSession): string {
  const { session } = s;
  if (s.starting) return 'Starting…';
  if (!session) return s.error ? 'Could not start' : 'Not started';
  if (s.exited !== undefined) return 'Shell ended';
  switch (session.status) {
    case 'preparing':
      return `Preparing: ${session.step ?? 'getting your cluster ready'}…`;
    case 'ready':
      return 'Ready';
    case 'failed':
      return 'Failed';
    case 'ended':
      return 'Ended';
  }
}

/** The right column: progress while preparing, the terminal when ready, what to do otherwise. */
export function SessionPanel({ s }: { s: ExerciseSession }) {
  const { session } = s;
  return (
    <section className="term-panel" aria-label="Terminal">
      <header className="term-head">
        <span className={`dot dot-${dotOf(s, session)}`} aria-hidden="true" />
        <span data-testid="session-status" role="status" aria-live="polite">
          {statusText(s)}
        </span>
      </header>
      <div className="term-body">{body(s, session)}</div>
    </section>
  );
}

function dotOf(s: ExerciseSession, session: SessionView | undefined): string {
  if (s.exited !== undefined || session?.status === 'ended') return 'off';
  if (s.error || session?.status === 'failed') return 'bad';
  return session?.status === 'ready' ? 'ok' : 'busy';
}

function body(s: ExerciseSession, session: SessionView | undefined) {
  if (s.error !== undefined && !s.starting) {
    return (
      <div className="term-message">
        <ErrorBox error={s.error} onRetry={s.start} />
      </div>
    );
  }
  if (!session || s.starting) return <Progress step="Asking for a cluster" />;
  if (s.exited !== undefined || session.status === 'ended') {
    return (
      <div className="term-message">
        <p>{s.exited !== undefined ? `The shell ended (${s.exited}).` : 'This session has ended.'}</p>
        <button type="button" className="btn btn-primary" onClick={s.start}>
          Start again
        </button>
      </div>
    );
  }
  switch (session.status) {
    case 'preparing':
      return <Progress step={session.step ?? 'Getting your cluster ready'} />;
    case 'failed':
      return (
        <div className="term-message">
          <div className="notice notice-error" role="alert">
            Your cluster could not be prepared: {session.error ?? 'unknown error'}
          </div>
          <p className="muted">This is usually temporary (the server may be busy). Try again; if it keeps failing, tell your instructor.</p>
          <button type="button" className="btn btn-primary" onClick={s.start}>
            Retry
          </button>
        </div>
      );
    case 'ready':
      return <TerminalView key={session.id} sessionId={session.id} />;
  }
}

function Progress({ step }: { step: string }) {
  return (
    <div className="term-message">
      <div className="progress" role="progressbar" aria-label="Preparing your cluster" aria-valuetext={step}>
        <div className="progress-bar" />
      </div>
      <p>{step}…</p>
    </div>
  );
}
