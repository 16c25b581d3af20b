import { describe, expect, test } from 'vitest';
import { textDiff } from './text-diff.ts';

describe('textDiff', () => {
  test('one changed line: removed at its old number, added at its new one', () => {
    const a = 'spec:\n  containers:\n  - command:\n    - --anonymous-auth=true\n    - --v=2\n';
    const b = a.replace('--anonymous-auth=true', '--anonymous-auth=false');
    expect(textDiff(a, b)).toEqual({ lines: [{ path: 'line 4', before: '    - --anonymous-auth=true' }, { path: 'line 4', after: '    - --anonymous-auth=false' }], more: 0 });
  });
  test('an inserted line shifts nothing else', () => {
    expect(textDiff('a\nb\nc', 'a\nb\nx\nc').lines).toEqual([{ path: 'line 3', after: 'x' }]);
    expect(textDiff('a\nb\nc', 'a\nc').lines).toEqual([{ path: 'line 2', before: 'b' }]);
  });
  test('same text: no lines; from and to nothing: every line', () => {
    expect(textDiff('a\nb', 'a\nb')).toEqual({ lines: [], more: 0 });
    expect(textDiff('', 'a\nb').lines).toEqual([{ path: 'line 1', after: 'a' }, { path: 'line 2', after: 'b' }]);
    expect(textDiff('a', '').lines).toEqual([{ path: 'line 1', before: 'a' }]);
  });
  test('bounded in lines kept, characters per line and work on huge inputs', () => {
    const d = textDiff('x'.repeat(500), 'y', { maxPaths: 1, maxValue: 5 });
    expect(d).toEqual({ lines: [{ path: 'line 1', before: 'xxxx…' }], more: 1 });
    const big = Array.from({ length: 3000 }, (_, i) => `l${i}`).join('\n');
    const other = Array.from({ length: 3000 }, (_, i) => `m${i}`).join('\n');
    const started = Date.now();
    const h = textDiff(big, other);
    expect(h.lines.length + h.more).toBe(6000);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
