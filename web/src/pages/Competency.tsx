import type { CompetencyReport, CompetencySubject, CompetencyTally } from '../../../server/protocol/rest.ts';
import { categoryLabel, percent, SolveRateChart } from '../components/SolveRateChart.tsx';
import { Empty, ErrorBox, Loading } from '../components/Status.tsx';
import { href } from '../router.ts';
import { useApi } from '../use-api.ts';

const minutes = (m: number | null): string => (m === null ? '—' : String(m));

function TallyCells({ t }: { t: CompetencyTally }) {
  return (
    <>
      <td className="num">{t.attempted}</td>
      <td className="num">{t.solved}</td>
      <td className="num">{percent(t.solveRate)}</td>
      <td className="num">{minutes(t.medianMinutesToSolve)}</td>
      <td className="num">{t.hints} ({t.hintPoints} pts)</td>
      <td className="num">{t.regressions}</td>
    </>
  );
}
const TALLY_HEADS = ['Attempted', 'Solved', 'Solve rate', 'Median min to solve', 'Hints', 'Regressions'];

/** The hardest category a learner or team attempted and did not always solve. */
const weakest = (s: CompetencySubject): string => {
  const c = s.categories.find((x) => x.solveRate !== null && x.solveRate < 1);
  return c ? categoryLabel(c) : '—';
};

function SubjectTable({ kind, rows, empty }: { kind: 'learner' | 'team'; rows: CompetencySubject[]; empty: string }) {
  if (rows.length === 0) return <p className="muted">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="table" data-testid={`${kind}-table`}>
        <thead>
          <tr>
            <th scope="col">{kind === 'learner' ? 'Learner' : 'Team'}</th>
            {kind === 'learner' && <th scope="col">Team</th>}
            {TALLY_HEADS.map((h) => <th key={h} scope="col" className="num">{h}</th>)}
            <th scope="col">Struggled most with</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} data-testid={`${kind}-${s.name}`}>
              <th scope="row">{s.name}</th>
              {kind === 'learner' && <td>{s.team ?? <span className="muted">—</span>}</td>}
              <TallyCells t={s.total} />
              <td>{weakest(s)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An event's competency report (instructors, admins): solve rate per OWASP Kubernetes Top 10
 * category and CKS domain, the hardest exercises first, learners and teams, downloads. */
export function Competency({ eventId }: { eventId: number }) {
  const report = useApi<CompetencyReport>(`/api/events/${eventId}/report`);
  const r = report.data;
  const name = r?.scope.kind === 'event' ? r.scope.name : `Event ${eventId}`;
  const base = `/api/events/${eventId}/report`;
  return (
    <section className="page">
      <header className="page-head row">
        <div>
          <h1>{name} · competency</h1>
          <p className="muted">Which weaknesses the room solved, and which it struggled with: the hardest first.</p>
        </div>
        <div className="head-actions">
          <a className="btn btn-small" href={`${base}.csv?by=learner`} download>CSV by learner</a>
          <a className="btn btn-small btn-ghost" href={`${base}.csv?by=team`} download>CSV by team</a>
          <a className="btn btn-small btn-ghost" href={`${base}.csv?by=category`} download>CSV by category</a>
          <a className="btn btn-small btn-ghost" href={`${base}.json`} download>JSON</a>
          <a className="btn btn-small btn-ghost" href={href.leaderboard(eventId)}>Leaderboard</a>
        </div>
      </header>
      {report.error !== undefined && <ErrorBox error={report.error} onRetry={report.reload} />}
      {!r && report.loading && <Loading what="Loading the report" />}
      {r && (
        <>
          <div className="card chart-card">
            <h2 className="section-title">Solve rate per OWASP Kubernetes Top 10 category</h2>
            <SolveRateChart title="Solve rate per OWASP Kubernetes Top 10 category" rows={r.room.categories.filter((c) => c.curriculum === 'owasp')} />
          </div>
          <div className="card chart-card">
            <h2 className="section-title">Solve rate per CKS domain</h2>
            <SolveRateChart title="Solve rate per CKS domain" rows={r.room.categories.filter((c) => c.curriculum === 'cks')} />
          </div>
          <div className="card chart-card">
            <h2 className="section-title">Exercises, the hardest first</h2>
            {r.room.exercises.length === 0 ? (
              <Empty title="Nobody has started an exercise of this event yet." />
            ) : (
              <div className="table-scroll">
                <table className="table" data-testid="exercise-table">
                  <thead>
                    <tr>
                      <th scope="col">Exercise</th>
                      {TALLY_HEADS.map((h) => <th key={h} scope="col" className="num">{h}</th>)}
                    </tr>
                  </thead>
                  <tbody>
                    {r.room.exercises.map((e) => (
                      <tr key={e.name} data-testid={`exercise-${e.name}`}>
                        <th scope="row">{e.name}</th>
                        <TallyCells t={e} />
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </div>
          <div className="card chart-card">
            <h2 className="section-title">Learners</h2>
            <SubjectTable kind="learner" rows={r.learners} empty="No learner has joined yet." />
          </div>
          <div className="card chart-card">
            <h2 className="section-title">Teams</h2>
            <SubjectTable kind="team" rows={r.teams} empty="No teams yet." />
          </div>
        </>
      )}
    </section>
  );
}
