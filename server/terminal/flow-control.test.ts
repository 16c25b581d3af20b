import assert from 'node:assert/strict';
import { test } from 'vitest';
import { FlowControl } from './flow-control.ts';

test('pauses above the high mark and resumes at the low mark', () => {
  const calls: string[] = [];
  const f = new FlowControl(() => calls.push('pause'), () => calls.push('resume'), 100, 20);
  f.sent(60);
  f.sent(60);
  assert.deepEqual(calls, ['pause']);
  f.sent(500);
  assert.deepEqual(calls, ['pause'], 'pauses once');
  f.acked(590);
  assert.deepEqual(calls, ['pause'], '30 still owed is above the low mark');
  f.acked(15);
  assert.deepEqual(calls, ['pause', 'resume']);
  assert.equal(f.isPaused, false);
});

test('a reattach resets what the client owes', () => {
  const calls: string[] = [];
  const f = new FlowControl(() => calls.push('pause'), () => calls.push('resume'), 10, 5);
  f.sent(50);
  f.reset();
  assert.deepEqual(calls, ['pause', 'resume']);
});
