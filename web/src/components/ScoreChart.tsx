import type { Leaderboard } from '../../../server/protocol/rest.ts';

const W = 720;
const H = 260;
const PAD = { left: 44, right: 16, top: 12, bottom: 28 };
const COLORS = ['#326ce5', '#e5533d', '#2da44e', '#bf8700', '#8250df', '#1b9aaa', '#d6336c', '#57606a'];

/** A round number at or above `n`, for the top of the y axis. Pure. */
export function niceCeil(n: number): number {
  if (n <= 10) return 10;
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

function hhmm(t: number): string {
  return new Date(t).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

/** Cumulative score per team as step lines, in inline SVG, with a legend. */
export function ScoreChart({ board, now = Date.now() }: { board: Leaderboard; now?: number }) {
  const series = board.series.map((s, i) => ({
    ...s,
    color: COLORS[i % COLORS.length] ?? '#326ce5',
    pts: s.points.map(([t, v]) => [Date.parse(t), v] as const).filter(([t]) => Number.isFinite(t)).sort((a, b) => a[0] - b[0]),
  }));
  const allTimes = series.flatMap((s) => s.pts.map(([t]) => t));
  const t0 = Math.min(Date.parse(board.startsAt), ...allTimes);
  const t1 = Math.max(Math.min(now, Date.parse(board.endsAt)), ...allTimes, t0 + 60_000);
  const yMax = niceCeil(Math.max(0, ...series.flatMap((s) => s.pts.map(([, v]) => v))));
  const x = (t: number): number => PAD.left + ((t - t0) / (t1 - t0)) * (W - PAD.left - PAD.right);
  const y = (v: number): number => H - PAD.bottom - (v / yMax) * (H - PAD.top - PAD.bottom);
  const path = (pts: (readonly [number, number])[]): string => {
    let d = `M${x(t0).toFixed(1)},${y(0).toFixed(1)}`;
    for (const [t, v] of pts) d += ` H${x(t).toFixed(1)} V${y(v).toFixed(1)}`;
    return `${d} H${x(t1).toFixed(1)}`;
  };
  const empty = series.every((s) => s.pts.length === 0);
  const yTicks = [0, yMax / 2, yMax];
  const xTicks = [t0, (t0 + t1) / 2, t1];

  return (
    <figure className="chart">
      <svg data-testid="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label="Team score over time">
        <title>Team score over time</title>
        {yTicks.map((v) => (
          <g key={v}>
            <line className="grid-line" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text className="axis-label" x={PAD.left - 6} y={y(v) + 4} textAnchor="end">{v}</text>
          </g>
        ))}
        {xTicks.map((t, i) => (
          <text key={i} className="axis-label" x={x(t)} y={H - 8} textAnchor={i === 0 ? 'start' : i === 2 ? 'end' : 'middle'}>
            {hhmm(t)}
          </text>
        ))}
        {series.map((s) => (
          <path key={s.id} d={path(s.pts)} fill="none" stroke={s.color} strokeWidth={2.5} strokeLinejoin="round" />
        ))}
        {empty && (
          <text className="chart-empty" x={W / 2} y={H / 2} textAnchor="middle">
            No points scored yet
          </text>
        )}
      </svg>
      {series.length > 0 && (
        <figcaption>
          <ul className="legend" aria-label="Legend">
            {series.map((s) => (
              <li key={s.id}>
                <span className="swatch" style={{ background: s.color }} aria-hidden="true" />
                {s.name} <span className="muted">({s.pts.at(-1)?.[1] ?? 0})</span>
              </li>
            ))}
          </ul>
        </figcaption>
      )}
    </figure>
  );
}
