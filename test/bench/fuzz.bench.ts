import { tempDir } from '../support/clusters.ts';
import { randomSeed } from '../support/fuzz.ts';
import { fuzzExercises } from '../support/fuzz-exercises.ts';
import { fuzzServer } from '../support/fuzz-server.ts';
import type { BenchResult } from './cluster.bench.ts';

/** The full hostile-input run: ≥ 100,000 REST, socket.io and engine.io messages against the
 * real server (at most 9 minutes), then 2,000 damaged exercise folders. FUZZ_SEED replays. */
export async function fuzzBench(messages = Number(process.env.FUZZ_MESSAGES ?? 100_000)): Promise<BenchResult> {
  const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomSeed();
  const log = (line: string) => process.stderr.write(`${line}\n`);
  log(`fuzz: FUZZ_SEED=${seed}`);
  const server = await fuzzServer({ seed, messages, timeLimitMs: 9 * 60_000, log });
  const exercises = await fuzzExercises({ seed, files: 2000, tmp: tempDir('batten-fuzz-') });
  const failures = [...server.failures, ...exercises.failures];
  for (const f of failures) log(f);
  return {
    metrics: {
      'fuzz.messages': server.messages + exercises.files,
      'fuzz.crashes': server.crashes,
      'fuzz.server5xx': server.server5xx,
      'fuzz.hangs': server.hangs,
      'fuzz.stateChanges': server.stateChanges,
      'fuzz.exerciseFiles': exercises.files,
      'fuzz.exerciseFailures': exercises.failures.length,
      'fuzz.seconds': Math.round(server.seconds + exercises.seconds),
      ...Object.fromEntries(Object.entries(server.byKind).map(([kind, n]) => [`fuzz.messages.${kind.replace(/Run$/, '')}`, n])),
    },
    notes: [`FUZZ_SEED=${seed}`, ...failures.slice(0, 20)],
  };
}
