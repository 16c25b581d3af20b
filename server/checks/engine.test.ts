import assert from 'node:assert/strict';
import { test } from 'vitest';
import { z } from 'zod';
import { CheckEngine } from './engine.ts';
import type { ProbeContext, ProbeKind } from './probe.ts';

test('an evaluation waits as long as the last one took: a costly check gets at most half the time', async () => {
  let runs = 0;
  let busy = 0;
  const slow: ProbeKind<unknown> = {
    schema: z.unknown(),
    watches: () => [],
    polls: true,
    async evaluate() {
      runs++;
      const t = Date.now();
      await new Promise((r) => setTimeout(r, 100));
      busy += Date.now() - t;
      return { ok: false, detail: 'slow' };
    },
  };
  const engine = new CheckEngine({
    objectives: [{ id: 'o', pass: [{ kind: 'slow', spec: {} }], keep: [] }],
    probes: { slow } as unknown as Record<string, ProbeKind<never>>,
    ctx: {} as ProbeContext,
    pollMs: 5,
    onChange: () => undefined,
  });
  const started = Date.now();
  engine.start();
  await new Promise((r) => setTimeout(r, 1500));
  engine.dispose();
  const elapsed = Date.now() - started;
  assert.ok(runs >= 4, `${runs} evaluations`);
  assert.ok(busy <= elapsed * 0.6, `busy ${busy} of ${elapsed} ms in ${runs} evaluations`);
});
