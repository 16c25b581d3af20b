/**
 * `npm run bench`: measures, prints a table and writes bench-results.json at the repo
 * root. Figures are reported, never asserted. BENCH_SAMPLES sets the sample count (≥ 5).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../server/setup/controlplane-build.ts';
import { checkerBench } from './checker.bench.ts';
import { clusterBench } from './cluster.bench.ts';
import { renderReport } from './report.ts';
import { webBench } from './web.bench.ts';

const samples = Math.max(5, Number(process.env.BENCH_SAMPLES ?? 5));
const only = process.argv[2]; // `npm run bench -- checker` runs one suite
const suites = {
  cluster: () => clusterBench(samples),
  checker: () => checkerBench(Math.max(20, samples * 4), 10),
  web: () => webBench(samples),
  exercise: async () => (await import('./exercise.bench.ts')).exerciseBench(samples),
  fuzz: async () => (await import('./fuzz.bench.ts')).fuzzBench(),
  kind: async () => (await import('./kind.bench.ts')).kindBench(Math.min(samples, 5)),
  grid: async () => (await import('./grid.bench.ts')).gridBench(Math.max(10, samples)),
  replay: async () => (await import('./replay.bench.ts')).replayBench(Math.max(20, samples * 4)),
  capacity: async () => (await import('./capacity.bench.ts')).capacityBench(),
  peers: async () => (await import('./peers.bench.ts')).peersBench(samples),
};
const results: Record<string, number> = {};
const notes: string[] = [];
// A suite that fails is said in the notes and the exit code; the others still run and
// their figures are still written.
const failed: string[] = [];
for (const [name, bench] of Object.entries(suites)) {
  if (only && only !== name) continue;
  process.stderr.write(`bench: ${name} ...\n`);
  try {
    const r = await bench();
    Object.assign(results, r.metrics);
    notes.push(...r.notes.map((n) => `${name}: ${n}`));
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`bench: ${name} failed: ${(e instanceof Error && e.stack) || message}\n`);
    notes.push(`${name}: FAILED, no figures: ${message.split('\n')[0]}`);
    failed.push(name);
  }
}

const targets: Record<string, string> = {
  'cluster.coldStartMs.p95': '≤ 5000',
  'cluster.warmAcquireMs.p95': '≤ 100',
  'cluster.idleRssMB': '≤ 250',
  'checker.fixToVerdictMs.p95': '≤ 250',
  'web.readyShellMs.p95': '≤ 1000',
  'exercise.setupMs.p95': '≤ 1500',
  'terminal.echoRttMs.p95': '≤ 30',
  'leaderboard.fanoutMs.p95': '≤ 200',
  'kind.coldStartMs.p95': '≤ 30000',
  'kind.warmAcquireMs.p95': '≤ 100',
  'replay.overheadPct': '≤ 10',
  'grid.pushMs.p95': '≤ 200',
  'capacity.learners': '≥ 60',
  'peer.kwokctlColdRatio': '≤ 0.5',
  'peer.envtestColdRatio': '≤ 0.5',
  'peer.pollingVerdictRatio': '≤ 0.25',
};
const width = Math.max(...Object.keys(results).map((k) => k.length));
process.stdout.write(`\n${'metric'.padEnd(width)}  ${'value'.padStart(10)}  target\n`);
for (const [k, v] of Object.entries(results)) process.stdout.write(`${k.padEnd(width)}  ${String(v).padStart(10)}  ${targets[k] ?? ''}\n`);
for (const n of notes) process.stdout.write(`\nnote: ${n}`);
const out = path.join(REPO_ROOT, 'bench-results.json');
// A run of one suite keeps the other suites' figures from the last full run, but not the
// levels of an older capacity ramp when this run has its own.
const previous = only && existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
if ('capacity.learners' in results) for (const k of Object.keys(previous)) if (k.startsWith('capacity.')) delete previous[k];
// and the other suites' notes: only the suites that ran now replace theirs
const ran = new Set(Object.keys(suites).filter((name) => !only || only === name));
const keptNotes = Array.isArray(previous.notes) ? previous.notes.filter((n) => !ran.has(String(n).split(':')[0]!)) : [];
writeFileSync(out, JSON.stringify({ ...previous, date: new Date().toISOString(), machine: { cpus: os.cpus().length, memGB: Math.round(os.totalmem() / 2 ** 30) }, ...results, notes: [...keptNotes, ...notes] }, null, 2) + '\n');
process.stdout.write(`\nwritten to ${out}\n`);
const page = path.join(REPO_ROOT, 'bench-report.html');
writeFileSync(page, renderReport(JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>, targets));
process.stdout.write(`and as a page: ${page}\n`);
if (failed.length) {
  process.stderr.write(`bench: ${failed.length} suite(s) failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
