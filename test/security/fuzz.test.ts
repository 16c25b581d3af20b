import assert from 'node:assert/strict';
import { test } from 'vitest';
import { tempDir } from '../support/clusters.ts';
import { randomSeed } from '../support/fuzz.ts';
import { fuzzExercises } from '../support/fuzz-exercises.ts';
import { fuzzServer } from '../support/fuzz-server.ts';

/** FUZZ_SEED=<n> replays a run; each failure names its case. The full run is `npm run bench -- fuzz`. */
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : randomSeed();

test(`hostile REST, socket.io and engine.io input neither crashes the server, nor gets a 5xx, nor changes a score (FUZZ_SEED=${seed})`, { timeout: 150_000 }, async () => {
  const r = await fuzzServer({ seed, messages: 15_000, timeLimitMs: 75_000 });
  const summary = `FUZZ_SEED=${seed}: ${r.messages} messages in ${r.cases} cases, ${r.seconds} s\n${r.failures.join('\n')}`;
  assert.equal(r.failures.length, 0, summary);
  assert.ok(r.messages >= 3000, `too few messages in the time allowed: ${summary}`);
});

test(`damaged exercise files give problems, never an exception or a hang (FUZZ_SEED=${seed})`, { timeout: 120_000 }, async () => {
  const r = await fuzzExercises({ seed, files: 300, tmp: tempDir('batten-fuzz-') });
  assert.deepEqual(r.failures, [], `FUZZ_SEED=${seed}`);
  assert.equal(r.loaded + r.broken, r.files, `FUZZ_SEED=${seed}`);
  assert.ok(r.broken > r.files / 2, `most damaged exercises are reported broken (FUZZ_SEED=${seed}): ${r.broken} of ${r.files}`);
});
