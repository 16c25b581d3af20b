import assert from 'node:assert/strict';
import { test } from 'vitest';
import { z } from 'zod';
import { evaluateObjective, MAX_DETAIL_CHARS } from './objective-eval.ts';
import type { ProbeContext, ProbeKind } from './probe.ts';

test('a probe that quotes what the learner wrote cannot make a detail or a transcript grow without bound', async () => {
  const huge = '10.0.0.0/32, '.repeat(60_000);
  // a probe kind written for this test, quoting a learner's 60 000-entry except list
  const quoting: ProbeKind<unknown> = { schema: z.unknown(), watches: () => [], evaluate: async () => ({ ok: false, detail: `allowed except ${huge}`, attack: { request: huge, response: huge } }) };
  const v = await evaluateObjective({ id: 'o', pass: [{ kind: 'quoting', spec: {} }], keep: [] }, { quoting } as unknown as Record<string, ProbeKind<never>>, {} as ProbeContext);
  assert.equal(v.detail.length, MAX_DETAIL_CHARS);
  assert.ok(v.detail.endsWith('…'));
  assert.equal(v.attack[0]!.request.length, MAX_DETAIL_CHARS);
  assert.equal(v.attack[0]!.response.length, MAX_DETAIL_CHARS);
});
