import type { PoolStats } from '../clusters/pool.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A minimal page showing the cluster pool, served at / until the web app lands. */
export function statusPage(provider: string, s: PoolStats): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="2">
<title>Batten</title>
<style>body{font:16px system-ui,sans-serif;margin:3rem auto;max-width:40rem;color:#1b2330}
td,th{padding:.3rem 1rem;text-align:left}th{color:#5b6b80;font-weight:500}</style></head>
<body><h1>Batten</h1>
<p>Hands-on Kubernetes security training. Cluster provider: <b>${esc(provider)}</b>.</p>
<table><tr><th>warm clusters</th><td id="warm">${s.warm}</td></tr>
<tr><th>starting</th><td id="starting">${s.starting}</td></tr>
<tr><th>in use</th><td id="leased">${s.leased}</td></tr></table>
<p>The learner pages arrive with the web app. Metrics: <a href="/metrics">/metrics</a>.</p>
</body></html>`;
}
