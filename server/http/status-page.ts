import type { PoolStats } from '../clusters/pool.ts';
import type { CatalogEntry } from '../exercises/catalog.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A minimal page showing the cluster pool, served at / until the web app lands. */
export function statusPage(provider: string, s: PoolStats, exercises: CatalogEntry[]): string {
  const rows = exercises
    .map((e) =>
      e.broken
        ? `<tr><td>${esc(e.name)}</td><td colspan="3" class="bad">broken (its problems are in the server log and in bin/batten exercise validate)</td></tr>`
        : `<tr><td>${esc(e.title)}</td><td>${esc(e.difficulty ?? '')}</td><td>${e.points} pts · ${e.minutes} min</td><td>${e.available ? 'available' : esc(e.unavailableReason ?? 'unavailable')}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Batten</title>
<style>body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:40rem;color:#1b2330}
td,th{padding:.3rem 1rem;text-align:left;vertical-align:top}th{color:#5b6b80;font-weight:500}.bad{color:#a3261b;white-space:pre-wrap}</style></head>
<body><h1>Batten</h1>
<p>Hands-on Kubernetes security training. Cluster provider: <b>${esc(provider)}</b>.</p>
<table><tr><th>warm clusters</th><td id="warm">${s.warm}</td></tr>
<tr><th>starting</th><td id="starting">${s.starting}</td></tr>
<tr><th>in use</th><td id="leased">${s.leased}</td></tr></table>
<h2>Exercises</h2>
<table id="exercises">${rows}</table>
<p>The learner pages (terminal, live objectives, leaderboard) arrive with the web app. Metrics: <a href="/metrics">/metrics</a>.</p>
</body></html>`;
}
