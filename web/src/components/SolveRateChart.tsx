import type { CompetencyCategory } from '../../../server/protocol/rest.ts';

const W = 720;
const ROW = 26;
const PAD = { left: 250, right: 110, top: 8, bottom: 24 };

/** The bar's color: red below half solved, amber below four in five, green above. Pure. */
export function rateColor(rate: number): string {
  return rate < 0.5 ? '#cf222e' : rate < 0.8 ? '#bf8700' : '#2da44e';
}

export const percent = (rate: number | null): string => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** An OWASP category with its number (`K02 Overly permissive authorization`), a CKS domain by its title. */
export const categoryLabel = (c: Pick<CompetencyCategory, 'tag' | 'title'>): string => (c.tag.startsWith('K') ? `${c.tag} ${c.title}` : c.title);

/** Solve rate per category as horizontal bars (inline SVG), in the order given; a category
 * nobody attempted is labelled so, not drawn as 0%. */
export function SolveRateChart({ title, rows }: { title: string; rows: readonly CompetencyCategory[] }) {
  const H = PAD.top + rows.length * ROW + PAD.bottom;
  const plot = W - PAD.left - PAD.right;
  const x = (rate: number): number => PAD.left + rate * plot;
  return (
    <figure className="chart">
      <svg data-testid="solve-rate-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={title}>
        <title>{title}</title>
        {[0, 0.5, 1].map((v) => (
          <g key={v}>
            <line className="grid-line" x1={x(v)} x2={x(v)} y1={PAD.top} y2={H - PAD.bottom} />
            <text className="axis-label" x={x(v)} y={H - 8} textAnchor={v === 0 ? 'start' : v === 1 ? 'end' : 'middle'}>
              {percent(v)}
            </text>
          </g>
        ))}
        {rows.map((c, i) => {
          const y = PAD.top + i * ROW;
          return (
            <g key={c.tag} data-testid={`bar-${c.tag}`} data-rate={c.solveRate ?? ''}>
              <text className="axis-label" x={PAD.left - 8} y={y + ROW / 2 + 4} textAnchor="end">
                {categoryLabel(c)}
              </text>
              {c.solveRate !== null && <rect x={PAD.left} y={y + 5} width={Math.max(1, c.solveRate * plot)} height={ROW - 10} rx={3} fill={rateColor(c.solveRate)} />}
              <text className="axis-label" x={W - PAD.right + 8} y={y + ROW / 2 + 4}>
                {c.solveRate === null ? 'no attempts' : `${percent(c.solveRate)} (${c.solved}/${c.attempted})`}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
