import assert from 'node:assert/strict';
import { test } from 'vitest';
import { z } from 'zod';
import { CheckEngine, type ObjectiveStatus } from './engine.ts';
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

test('an objective shows its attack as it stands, and as it last worked once it is fixed', async () => {
  let open = true;
  // a probe kind written for this test: the "attack" works until `open` is false
  const replay: ProbeKind<unknown> = {
    schema: z.unknown(),
    watches: () => [],
    async evaluate() {
      return open
        ? { ok: false, detail: 'anonymous can list secrets', attack: { request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 200 OK' } }
        : { ok: true, detail: 'anonymous is refused', attack: { request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 401 Unauthorized' } };
    },
  };
  const guard: ProbeKind<unknown> = { schema: z.unknown(), watches: () => [], evaluate: async () => ({ ok: true, detail: 'the app works', attack: { request: 'not an attack', response: '-' } }) };
  const changes: ObjectiveStatus[] = [];
  const engine = new CheckEngine({
    objectives: [{ id: 'o', pass: [{ kind: 'replay', spec: {} }], keep: [{ kind: 'guard', spec: {} }] }],
    probes: { replay, guard } as unknown as Record<string, ProbeKind<never>>,
    ctx: {} as ProbeContext,
    onChange: (s) => changes.push(s),
  });
  const [first] = await engine.evaluateAll();
  assert.deepEqual(first!.attack, { now: [{ request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 200 OK' }], before: [{ request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 200 OK' }] });
  open = false;
  const [fixed] = await engine.evaluateAll();
  assert.equal(fixed!.state, 'met');
  assert.deepEqual(fixed!.attack, { now: [{ request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 401 Unauthorized' }], before: [{ request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 200 OK' }] });
  await engine.evaluateAll();
  assert.equal(changes.length, 2, 'an unchanged transcript is not reported again');
  engine.dispose();
});
