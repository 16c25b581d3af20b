import type { Standing } from '../../../server/protocol/rest.ts';
import { formatDateTime } from '../time.ts';

interface Props {
  title: string;
  kind: 'team' | 'individual';
  rows: Standing[];
  empty: string;
}

/** Rank, name, score; rows carry `data-score` for tests. */
export function StandingsTable({ title, kind, rows, empty }: Props) {
  return (
    <div className="card">
      <h2 className="section-title">{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <table className="table standings">
          <thead>
            <tr>
              <th scope="col" className="num">Rank</th>
              <th scope="col">Name</th>
              <th scope="col" className="num">Score</th>
              <th scope="col">Last scored</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-testid={`leaderboard-${kind}-${r.name}`} data-score={r.score}
                className={r.rank <= 3 ? `top top-${r.rank}` : undefined}>
                <td className="num">{r.rank}</td>
                <th scope="row">{r.name}</th>
                <td className="num score-cell">{r.score}</td>
                <td className="muted small">{r.lastScoredAt ? formatDateTime(r.lastScoredAt) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
