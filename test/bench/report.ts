import { capacityChart, capacityLevels, capacityTable, peerRows, peerTable } from './report-charts.ts';

/** The benchmark as a page: every figure of bench-results.json beside its goal, grouped by
 * suite, for someone choosing a platform. Pure: the results in, HTML out. */

export type Targets = Readonly<Record<string, string>>;

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Does `value` meet a goal written `≤ N` or `≥ N`? undefined when there is no goal. */
export function meets(value: number, target: string | undefined): boolean | undefined {
  const m = target?.match(/^([≤≥])\s*(-?[\d.]+)$/);
  if (!m) return undefined;
  return m[1] === '≤' ? value <= Number(m[2]) : value >= Number(m[2]);
}

export function renderReport(results: Readonly<Record<string, unknown>>, targets: Targets): string {
  const figures = Object.entries(results).filter((e): e is [string, number] => typeof e[1] === 'number' && e[0].includes('.') && !e[0].startsWith('capacity.level.'));
  const suites = new Map<string, [string, number][]>();
  for (const f of figures) {
    const suite = f[0].split('.')[0]!;
    suites.set(suite, [...(suites.get(suite) ?? []), f]);
  }
  const machine = results.machine as { cpus?: number; memGB?: number } | undefined;
  const rows = (list: [string, number][]) =>
    list
      .map(([k, v]) => {
        const ok = meets(v, targets[k]);
        const verdict = ok === undefined ? '' : ok ? '<span class="ok">met</span>' : '<span class="no">not met</span>';
        return `<tr><th scope="row"><code>${esc(k)}</code></th><td class="num">${v}</td><td>${esc(targets[k] ?? '')}</td><td>${verdict}</td></tr>`;
      })
      .join('\n');
  const sections = [...suites].map(([suite, list]) => `<h2>${esc(suite)}</h2>\n<table><thead><tr><th>figure</th><th>value</th><th>goal</th><th></th></tr></thead><tbody>\n${rows(list)}\n</tbody></table>`);
  const goals = figures.filter(([k]) => targets[k]);
  const met = goals.filter(([k, v]) => meets(v, targets[k])).length;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Batten benchmark</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1b2330}table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #e3e7ee}td.num{text-align:right;font-variant-numeric:tabular-nums}.ok{color:#157f3b;font-weight:600}.no{color:#b42318;font-weight:600}code{font-size:0.9em}svg.chart{width:100%;height:auto}</style>
</head><body>
<h1>Batten benchmark</h1>
<p>Measured ${esc(String(results.date ?? ''))} on ${machine?.cpus ?? '?'} cores and ${machine?.memGB ?? '?'} GiB by <code>npm run bench</code>. ${met} of ${goals.length} goals met. Times in milliseconds (percentiles over the samples), memory in MB.</p>
<h2>How many learners at once</h2>
<p>Simulated learners, each with a real session, cluster, terminal and checker, typing and fixing and breaking their cluster every few seconds, added in steps until a fix takes longer than a second to be verified (p95), memory passes 90 % or a cluster fails.${typeof results['capacity.learners'] === 'number' ? ` The last step that held: <strong>${results['capacity.learners']} learners</strong>.` : ''}</p>
${capacityChart(capacityLevels(results))}
${capacityTable(capacityLevels(results))}
<h2>Beside the peers</h2>
<p>Same machine, same run, same Kubernetes binaries.</p>
${peerTable(peerRows(results))}
${sections.join('\n')}
${Array.isArray(results.notes) && results.notes.length ? `<h2>Notes</h2>\n<ul>${results.notes.map((n) => `<li>${esc(String(n))}</li>`).join('')}</ul>` : ''}
</body></html>
`;
}
