import { expect, test } from 'vitest';
import { capacityLearners, capacitySettings, cpuPercent, jittered, levelMetrics, levelSizes, levelVerdict, parseMeminfo, parseProcStat, summarizeLevel, type LevelSamples } from './capacity-logic.ts';

const STAT = `cpu  1000 50 300 8000 200 10 20 5 40 0
cpu0 500 25 150 4000 100 5 10 2 20 0
intr 12345
`;
const MEMINFO = `MemTotal:       24576000 kB
MemFree:         1000000 kB
MemAvailable:   12288000 kB
Buffers:          100000 kB
`;

test('settings: defaults, values from the environment, and one error naming every bad variable', () => {
  expect(capacitySettings({})).toEqual({ step: 10, max: 100, levelSeconds: 60, maxMinutes: 30 });
  expect(capacitySettings({ CAPACITY_STEP: '2', CAPACITY_MAX: '4', CAPACITY_LEVEL_SECONDS: '20', CAPACITY_MAX_MINUTES: '' })).toEqual({ step: 2, max: 4, levelSeconds: 20, maxMinutes: 30 });
  expect(() => capacitySettings({ CAPACITY_STEP: '0', CAPACITY_MAX: 'ten' })).toThrow(/CAPACITY_STEP="0": learners added per level, a whole number from 1 to 64[^]*\n {2}CAPACITY_MAX="ten"/);
  expect(() => capacitySettings({ CAPACITY_LEVEL_SECONDS: '2.5' })).toThrow(/CAPACITY_LEVEL_SECONDS="2.5"/);
});

test('levels go up by the step and end at the maximum', () => {
  expect(levelSizes({ step: 10, max: 100 })).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]);
  expect(levelSizes({ step: 2, max: 4 })).toEqual([2, 4]);
  expect(levelSizes({ step: 4, max: 10 })).toEqual([4, 8, 10]);
  expect(levelSizes({ step: 10, max: 5 })).toEqual([5]);
});

test('/proc/stat: idle counts iowait, the total leaves out guest time (already in user)', () => {
  expect(parseProcStat(STAT)).toEqual({ idle: 8200, total: 1000 + 50 + 300 + 8000 + 200 + 10 + 20 + 5 });
  expect(() => parseProcStat('intr 1\n')).toThrow(/\/proc\/stat: no "cpu" line/);
  expect(() => parseProcStat('cpu  a b c\n')).toThrow(/cannot read the "cpu" line/);
});

test('CPU percent is the busy share of the ticks between two readings', () => {
  expect(cpuPercent({ idle: 100, total: 200 }, { idle: 150, total: 400 })).toBe(75);
  expect(cpuPercent({ idle: 100, total: 200 }, { idle: 300, total: 400 })).toBe(0);
  expect(cpuPercent({ idle: 100, total: 200 }, { idle: 100, total: 200 })).toBe(0);
});

test('/proc/meminfo: used is MemTotal − MemAvailable', () => {
  expect(parseMeminfo(MEMINFO)).toEqual({ usedMB: 12000, pct: 50 });
  expect(() => parseMeminfo('MemTotal: 100 kB\n')).toThrow(/no MemAvailable line/);
});

const samples = (o: Partial<LevelSamples> = {}): LevelSamples => ({
  learners: 20,
  fixToVerdictMs: Array.from({ length: 100 }, (_, i) => i + 1), // 1..100 ms
  echoRttMs: [3, 4, 5, 30],
  cpuPct: 61.5,
  mem: { usedMB: 9000, pct: 37.5 },
  failures: [],
  ...o,
});

test('a level is summarized by nearest-rank percentiles and the host figures', () => {
  expect(summarizeLevel(samples())).toEqual({ learners: 20, fixes: 100, fixP50: 50, fixP95: 95, echoes: 4, echoP95: 30, cpuPct: 61.5, memPct: 37.5, memUsedMB: 9000, clustersFailed: 0 });
});

test('a level holds unless memory passed 90 %, a learner failed, no fix was judged or p95 passed 1 s', () => {
  expect(levelVerdict(summarizeLevel(samples()))).toEqual({ held: true });
  expect(levelVerdict(summarizeLevel(samples({ fixToVerdictMs: [1000, 1000] })))).toEqual({ held: true });
  expect(levelVerdict(summarizeLevel(samples({ fixToVerdictMs: [10, 1001] })))).toEqual({ held: false, reason: 'fix→verdict p95 1001 ms > 1000 ms at 20 learners' });
  expect(levelVerdict(summarizeLevel(samples({ mem: { usedMB: 22000, pct: 90.1 } })))).toEqual({ held: false, reason: 'host memory 90.1 % > 90 % at 20 learners' });
  expect(levelVerdict(summarizeLevel(samples({ failures: ['learner 3: no verdict in 30 s'] })))).toEqual({ held: false, reason: '1 learner session(s) failed at 20 learners' });
  expect(levelVerdict(summarizeLevel(samples({ fixToVerdictMs: [] })))).toEqual({ held: false, reason: 'no fix reached its verdict in the window at 20 learners' });
  // memory past the limit during the ramp: no window, learners halted; memory is the reason
  expect(levelVerdict(summarizeLevel(samples({ fixToVerdictMs: [], failures: ['x'], mem: { usedMB: 23000, pct: 95 } })))).toEqual({ held: false, reason: 'host memory 95 % > 90 % at 20 learners' });
});

test('per-level metrics are keyed by the learner count; percentiles of no samples are left out', () => {
  expect(levelMetrics(summarizeLevel(samples()))).toEqual({
    'capacity.level.20.fixToVerdictMs.p50': 50,
    'capacity.level.20.fixToVerdictMs.p95': 95,
    'capacity.level.20.echoRttMs.p95': 30,
    'capacity.level.20.cpuPct': 61.5,
    'capacity.level.20.memPct': 37.5,
    'capacity.level.20.memUsedMB': 9000,
    'capacity.level.20.clustersFailed': 0,
  });
  const none = levelMetrics(summarizeLevel(samples({ fixToVerdictMs: [], echoRttMs: [] })));
  expect(Object.keys(none)).toEqual(['capacity.level.20.cpuPct', 'capacity.level.20.memPct', 'capacity.level.20.memUsedMB', 'capacity.level.20.clustersFailed']);
});

test('capacity is the last level that held before the first that did not', () => {
  const level = (learners: number, held: boolean) => ({ summary: summarizeLevel(samples({ learners })), verdict: held ? ({ held: true } as const) : ({ held: false, reason: 'x' } as const) });
  expect(capacityLearners([level(10, true), level(20, true), level(30, false)])).toBe(20);
  expect(capacityLearners([level(10, false)])).toBe(0);
  expect(capacityLearners([level(10, true), level(20, false), level(30, true)])).toBe(10);
  expect(capacityLearners([])).toBe(0);
});

test('jitter stays within the spread around the mean', () => {
  expect(jittered(5000, 0)).toBe(3000);
  expect(jittered(5000, 0.5)).toBe(5000);
  expect(jittered(5000, 1)).toBe(7000);
});
