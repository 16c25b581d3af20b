/** The charts and side-by-side tables of the benchmark page. Pure: figures in, markup out. */

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface CapacityLevel {
  learners: number;
  p50?: number;
  p95?: number;
  cpuPct?: number;
  memPct?: number;
}

/** The ramp's levels, from keys `capacity.level.<learners>.<figure>`, fewest learners first. */
export function capacityLevels(results: Readonly<Record<string, unknown>>): CapacityLevel[] {
  const levels = new Map<number, CapacityLevel>();
  for (const [k, v] of Object.entries(results)) {
    const m = /^capacity\.level\.(\d+)\.(.+)$/.exec(k);
    if (!m || typeof v !== 'number') continue;
    const n = Number(m[1]);
    const level = levels.get(n) ?? { learners: n };
    if (m[2] === 'fixToVerdictMs.p50') level.p50 = v;
    if (m[2] === 'fixToVerdictMs.p95') level.p95 = v;
    if (m[2] === 'cpuPct') level.cpuPct = v;
    if (m[2] === 'memPct') level.memPct = v;
    levels.set(n, level);
  }
  return [...levels.values()].sort((a, b) => a.learners - b.learners);
}

/** An SVG line chart of the ramp: fix→verdict p50 and p95 (left axis, ms, with the 1 s
 * limit) and host CPU and memory (right axis, %) against the number of learners. */
export function capacityChart(levels: CapacityLevel[], limitMs = 1000): string {
  if (levels.length === 0) return '<p>No capacity ramp in these results: run <code>npm run bench -- capacity</code>.</p>';
  const W = 720, H = 320, L = 56, R = 48, T = 16, B = 40;
  const maxX = Math.max(...levels.map((l) => l.learners));
  const maxMs = Math.max(limitMs * 1.2, ...levels.map((l) => l.p95 ?? 0));
  const x = (n: number) => L + (maxX === 0 ? 0 : (n / maxX) * (W - L - R));
  const yMs = (v: number) => T + (1 - v / maxMs) * (H - T - B);
  const yPct = (v: number) => T + (1 - v / 100) * (H - T - B);
  const line = (pick: (l: CapacityLevel) => number | undefined, y: (v: number) => number, cls: string, label: string) => {
    const pts = levels.filter((l) => pick(l) !== undefined).map((l) => `${x(l.learners).toFixed(1)},${y(pick(l)!).toFixed(1)}`);
    return pts.length ? `<polyline class="${cls}" points="${pts.join(' ')}"><title>${esc(label)}</title></polyline>${pts.map((p) => `<circle class="${cls}" cx="${p.split(',')[0]}" cy="${p.split(',')[1]}" r="3"/>`).join('')}` : '';
  };
  const ticks = levels.map((l) => `<text x="${x(l.learners).toFixed(1)}" y="${H - B + 16}" text-anchor="middle">${l.learners}</text>`).join('');
  const msTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(f * maxMs)).map((v) => `<text x="${L - 6}" y="${yMs(v) + 4}" text-anchor="end">${v}</text>`).join('');
  const pctTicks = [0, 50, 100].map((v) => `<text x="${W - R + 6}" y="${yPct(v) + 4}">${v}%</text>`).join('');
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="capacity ramp: fix to verdict and host load against learners">
<style>.chart text{font-size:11px;fill:#4a5568}.chart polyline{fill:none;stroke-width:2}.chart .p95{stroke:#b42318}.chart circle.p95{fill:#b42318}.chart .p50{stroke:#e07b39}.chart circle.p50{fill:#e07b39}.chart .cpu{stroke:#2b6cb0;stroke-dasharray:4 3}.chart circle.cpu{fill:#2b6cb0}.chart .mem{stroke:#157f3b;stroke-dasharray:4 3}.chart circle.mem{fill:#157f3b}.chart .limit{stroke:#1b2330;stroke-dasharray:2 4}.chart .axis{stroke:#a0aec0}</style>
<line class="axis" x1="${L}" y1="${H - B}" x2="${W - R}" y2="${H - B}"/><line class="axis" x1="${L}" y1="${T}" x2="${L}" y2="${H - B}"/>
<line class="limit" x1="${L}" y1="${yMs(limitMs)}" x2="${W - R}" y2="${yMs(limitMs)}"><title>${limitMs} ms: the limit</title></line>
${line((l) => l.p95, yMs, 'p95', 'fix→verdict p95 (ms)')}${line((l) => l.p50, yMs, 'p50', 'fix→verdict p50 (ms)')}${line((l) => l.cpuPct, yPct, 'cpu', 'host CPU %')}${line((l) => l.memPct, yPct, 'mem', 'host memory %')}
${ticks}${msTicks}${pctTicks}<text x="${(L + W - R) / 2}" y="${H - 6}" text-anchor="middle">learners at once</text>
</svg>
<p class="legend"><span style="color:#b42318">■</span> fix→verdict p95 (ms) <span style="color:#e07b39">■</span> p50 (ms) <span style="color:#2b6cb0">■</span> host CPU % <span style="color:#157f3b">■</span> host memory % — dotted line: the ${limitMs} ms limit</p>`;
}

/** The ramp's levels as a table, beside the chart. */
export function capacityTable(levels: CapacityLevel[]): string {
  if (levels.length === 0) return '';
  const cell = (v: number | undefined) => `<td class="num">${v === undefined ? '—' : v}</td>`;
  return `<table><thead><tr><th>learners</th><th>fix→verdict p50 (ms)</th><th>p95 (ms)</th><th>host CPU %</th><th>host memory %</th></tr></thead><tbody>
${levels.map((l) => `<tr>${cell(l.learners)}${cell(l.p50)}${cell(l.p95)}${cell(l.cpuPct)}${cell(l.memPct)}</tr>`).join('\n')}
</tbody></table>`;
}

export interface PeerRow {
  what: string;
  batten?: number;
  peer?: number;
  peerName: string;
  ratio?: number;
}

/** Batten beside the peers on the same binaries, in the same run. */
export function peerRows(r: Readonly<Record<string, unknown>>): PeerRow[] {
  const n = (k: string) => (typeof r[k] === 'number' ? (r[k] as number) : undefined);
  return [
    { what: 'ready API from nothing (ms, p50)', batten: n('peer.battenColdMs.p50'), peer: n('peer.kwokctlColdMs.p50'), peerName: 'kwokctl --runtime binary', ratio: n('peer.kwokctlColdRatio') },
    { what: 'ready API from nothing (ms, p50)', batten: n('peer.battenColdMs.p50'), peer: n('peer.envtestColdMs.p50'), peerName: 'controller-runtime envtest', ratio: n('peer.envtestColdRatio') },
    { what: 'a cluster for a learner (ms, p50; Batten from its warm pool)', batten: n('peer.battenWarmAcquireMs.p50') ?? n('peer.battenWarmAcquireMs.p95'), peer: n('peer.kwokctlColdMs.p50'), peerName: 'kwokctl --runtime binary', ratio: n('peer.kwokctlWarmRatio') },
    { what: 'fix → verdict (ms, p50)', batten: n('peer.eventVerdictMs.p50'), peer: n('peer.pollingVerdictMs.p50'), peerName: 'a checker polling every second', ratio: n('peer.pollingVerdictRatio') },
  ].filter((row) => row.peer !== undefined);
}

export function peerTable(rows: PeerRow[]): string {
  if (rows.length === 0) return '<p>No peers in these results: run <code>npm run bench -- peers</code>.</p>';
  const cell = (v: number | undefined) => `<td class="num">${v === undefined ? '—' : v}</td>`;
  return `<table><thead><tr><th>what</th><th>Batten</th><th>peer</th><th></th><th>Batten ÷ peer</th></tr></thead><tbody>
${rows.map((r) => `<tr><th scope="row">${esc(r.what)}</th>${cell(r.batten)}${cell(r.peer)}<td>${esc(r.peerName)}</td>${cell(r.ratio)}</tr>`).join('\n')}
</tbody></table>`;
}
