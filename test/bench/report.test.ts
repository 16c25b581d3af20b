import { expect, test } from 'vitest';
import { meets, renderReport } from './report.ts';

test('a goal is met, missed, or absent', () => {
  expect(meets(51, '≤ 200')).toBe(true);
  expect(meets(17, '≤ 10')).toBe(false);
  expect(meets(60, '≥ 60')).toBe(true);
  expect(meets(3, undefined)).toBeUndefined();
  expect(meets(3, 'fast')).toBeUndefined();
});

test('the page groups figures by suite, says which goals are met, and escapes what it shows', () => {
  const html = renderReport(
    { date: '2026-11-25T04:00:00.000Z', machine: { cpus: 2, memGB: 24 }, 'grid.pushMs.p95': 51, 'grid.learners': 200, 'replay.overheadPct': 17, 'x<script>.y': 1 },
    { 'grid.pushMs.p95': '≤ 200', 'replay.overheadPct': '≤ 10' },
  );
  expect(html).toContain('<h2>grid</h2>');
  expect(html).toContain('<h2>replay</h2>');
  expect(html).toMatch(/grid\.pushMs\.p95<\/code><\/th><td class="num">51<\/td><td>≤ 200<\/td><td><span class="ok">met/);
  expect(html).toMatch(/replay\.overheadPct.*not met/);
  expect(html).toContain('1 of 2 goals met');
  expect(html).not.toContain('<script>');
  expect(html).toContain('on 2 cores and 24 GiB');
});
