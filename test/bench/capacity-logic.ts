/**
 * The capacity benchmark's pure parts: its settings, the host figures read from /proc, one
 * level's summary and whether it held. No I/O: capacity.bench.ts reads the files and the
 * sockets and passes the text and the samples here.
 */
import { percentile, round } from './stats.ts';

export interface CapacitySettings {
  /** Learners added per level. */
  step: number;
  /** The last level tried. */
  max: number;
  /** How long each level is measured once all its learners are ready. */
  levelSeconds: number;
  /** The whole bench stops starting levels after this. */
  maxMinutes: number;
}

/** What stops the ramp: a level whose fix→verdict p95 or host memory passes these. */
export const LIMITS = { fixToVerdictP95Ms: 1000, memPct: 90 } as const;

const SETTINGS: ReadonlyArray<readonly [key: keyof CapacitySettings, env: string, fallback: number, min: number, max: number, what: string]> = [
  ['step', 'CAPACITY_STEP', 10, 1, 64, 'learners added per level'],
  ['max', 'CAPACITY_MAX', 100, 1, 1000, 'the most learners tried'],
  ['levelSeconds', 'CAPACITY_LEVEL_SECONDS', 60, 5, 3600, 'seconds each level is measured'],
  ['maxMinutes', 'CAPACITY_MAX_MINUTES', 30, 1, 24 * 60, 'minutes the whole bench may take'],
];

/** The settings from the environment, or one error naming every bad variable and its range. */
export function capacitySettings(env: Readonly<Record<string, string | undefined>>): CapacitySettings {
  const out: Partial<CapacitySettings> = {};
  const problems: string[] = [];
  for (const [key, name, fallback, min, max, what] of SETTINGS) {
    const raw = env[name];
    const n = raw === undefined || raw === '' ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push(`${name}=${JSON.stringify(raw)}: ${what}, a whole number from ${min} to ${max} (default ${fallback})`);
    else out[key] = n;
  }
  if (problems.length) throw new Error(`capacity bench: invalid environment:\n  ${problems.join('\n  ')}`);
  return out as CapacitySettings;
}

/** The learner counts of the levels: step, 2·step, … up to max (the last one is max itself). */
export function levelSizes(s: Pick<CapacitySettings, 'step' | 'max'>): number[] {
  const sizes: number[] = [];
  for (let n = s.step; n < s.max; n += s.step) sizes.push(n);
  sizes.push(s.max);
  return sizes;
}

/** CPU time counters of the `cpu` line of /proc/stat, in ticks: idle (with iowait) and all. */
export interface CpuTimes {
  idle: number;
  total: number;
}

export function parseProcStat(text: string): CpuTimes {
  const line = text.split('\n').find((l) => /^cpu\s/.test(l));
  if (!line) throw new Error('/proc/stat: no "cpu" line (expected "cpu  user nice system idle iowait irq softirq steal ...")');
  // user nice system idle iowait irq softirq steal; guest and guest_nice are already in user and nice
  const f = line.trim().split(/\s+/).slice(1, 9).map(Number);
  if (f.length < 4 || f.some((x) => !Number.isFinite(x))) throw new Error(`/proc/stat: cannot read the "cpu" line: ${JSON.stringify(line)}`);
  return { idle: f[3]! + (f[4] ?? 0), total: f.reduce((a, b) => a + b, 0) };
}

/** Host CPU busy between two readings, in percent of all cores (0 when no tick passed). */
export function cpuPercent(before: CpuTimes, after: CpuTimes): number {
  const total = after.total - before.total;
  if (total <= 0) return 0;
  return round(100 * (1 - (after.idle - before.idle) / total));
}

/** Host memory in use: MemTotal − MemAvailable of /proc/meminfo. */
export interface MemUse {
  usedMB: number;
  pct: number;
}

export function parseMeminfo(text: string): MemUse {
  const kb = (field: string) => {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s*kB`, 'm').exec(text);
    if (!m) throw new Error(`/proc/meminfo: no ${field} line (expected "${field}:  <n> kB"; MemAvailable needs Linux ≥ 3.14)`);
    return Number(m[1]);
  };
  const total = kb('MemTotal');
  const used = total - kb('MemAvailable');
  return { usedMB: round(used / 1024, 0), pct: total > 0 ? round((100 * used) / total) : 0 };
}

/** What one level measured over its window. */
export interface LevelSamples {
  learners: number;
  /** `deleted` in the terminal → the learner's socket receiving the objective met, ms. */
  fixToVerdictMs: number[];
  echoRttMs: number[];
  cpuPct: number;
  /** The highest reading of the window. */
  mem: MemUse;
  /** Learners whose session failed, errored or stopped answering during the level (ramp-up included). */
  failures: string[];
}

export interface LevelSummary {
  learners: number;
  fixes: number;
  fixP50: number;
  fixP95: number;
  echoes: number;
  echoP95: number;
  cpuPct: number;
  memPct: number;
  memUsedMB: number;
  clustersFailed: number;
}

export function summarizeLevel(s: LevelSamples): LevelSummary {
  return {
    learners: s.learners,
    fixes: s.fixToVerdictMs.length,
    fixP50: round(percentile(s.fixToVerdictMs, 50)),
    fixP95: round(percentile(s.fixToVerdictMs, 95)),
    echoes: s.echoRttMs.length,
    echoP95: round(percentile(s.echoRttMs, 95), 2),
    cpuPct: s.cpuPct,
    memPct: s.mem.pct,
    memUsedMB: s.mem.usedMB,
    clustersFailed: s.failures.length,
  };
}

export type LevelVerdict = { held: true } | { held: false; reason: string };

/** A level holds when host memory stayed within 90 % (checked first: past it, failures and a
 * window cut short follow from it), no learner failed, some fix reached its verdict and
 * fix→verdict p95 is within 1 s. */
export function levelVerdict(s: LevelSummary): LevelVerdict {
  const at = `at ${s.learners} learners`;
  if (s.memPct > LIMITS.memPct) return { held: false, reason: `host memory ${s.memPct} % > ${LIMITS.memPct} % ${at}` };
  if (s.clustersFailed > 0) return { held: false, reason: `${s.clustersFailed} learner session(s) failed ${at}` };
  if (s.fixes === 0) return { held: false, reason: `no fix reached its verdict in the window ${at}` };
  if (s.fixP95 > LIMITS.fixToVerdictP95Ms) return { held: false, reason: `fix→verdict p95 ${s.fixP95} ms > ${LIMITS.fixToVerdictP95Ms} ms ${at}` };
  return { held: true };
}

/** The level's figures under `capacity.level.<learners>.*` (the report charts them); a
 * percentile of no samples is left out rather than written as null. */
export function levelMetrics(s: LevelSummary): Record<string, number> {
  const k = `capacity.level.${s.learners}`;
  const all: Record<string, number> = {
    [`${k}.fixToVerdictMs.p50`]: s.fixP50,
    [`${k}.fixToVerdictMs.p95`]: s.fixP95,
    [`${k}.echoRttMs.p95`]: s.echoP95,
    [`${k}.cpuPct`]: s.cpuPct,
    [`${k}.memPct`]: s.memPct,
    [`${k}.memUsedMB`]: s.memUsedMB,
    [`${k}.clustersFailed`]: s.clustersFailed,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => Number.isFinite(v)));
}

/** `capacity.learners`: the learners of the last level that held before the first that did
 * not (0 when the first did not). */
export function capacityLearners(levels: ReadonlyArray<{ summary: LevelSummary; verdict: LevelVerdict }>): number {
  let last = 0;
  for (const l of levels) {
    if (!l.verdict.held) break;
    last = l.summary.learners;
  }
  return last;
}

/** A delay around `meanMs`, ±`spread` of it, so that learners do not act in lockstep. */
export function jittered(meanMs: number, random: number, spread = 0.4): number {
  return Math.round(meanMs * (1 - spread + 2 * spread * random));
}
