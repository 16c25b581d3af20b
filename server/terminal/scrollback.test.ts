import assert from 'node:assert/strict';
import { test } from 'vitest';
import { Scrollback } from './scrollback.ts';

test('keeps the most recent characters up to the limit', () => {
  const s = new Scrollback(10);
  s.push('hello ');
  s.push('world');
  assert.equal(s.text(), 'ello world');
  s.push('0123456789abcdef');
  assert.equal(s.text(), '6789abcdef');
});
