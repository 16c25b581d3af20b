/**
 * `npm run bench`: measures, prints a table and writes bench-results.json at the repo
 * root. Figures are reported, never asserted. BENCH_SAMPLES sets the sample count (≥ 5).
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../server/setup/controlplane-build.ts';
import { clusterBench } from './cluster.bench.ts';

const samples = Math.max(5, Number(process.env.BENCH_SAMPLES ?? 5));
const results: Record<string, number> = {};
for (const [name, bench] of [['cluster', clusterBench]] as const) {
  process.stderr.write(`bench: ${name} (${samples} samples) ...\n`);
  Object.assign(results, (await bench(samples)).metrics);
}

const targets: Record<string, string> = {
  'cluster.coldStartMs.p95': '≤ 5000',
  'cluster.warmAcquireMs.p95': '≤ 100',
  'cluster.idleRssMB': '≤ 250',
};
const width = Math.max(...Object.keys(results).map((k) => k.length));
process.stdout.write(`\n${'metric'.padEnd(width)}  ${'value'.padStart(10)}  target\n`);
for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(width)}  ${String(v).padStart(10)}  ${targets[k] ?? ''}\n`);
const out = path.join(REPO_ROOT, 'bench-results.json');
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30) }, ...results }, null, 2) + '\n');
process.stdout.write(`\nwritten to ${out}\n`);
