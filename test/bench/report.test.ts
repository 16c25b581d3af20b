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

test('the capacity ramp is charted and tabled per level, and the peers are set beside Batten', () => {
  const html = renderReport(
    {
      'capacity.learners': 20,
      'capacity.level.10.fixToVerdictMs.p50': 300,
      'capacity.level.10.fixToVerdictMs.p95': 600,
      'capacity.level.10.cpuPct': 45,
      'capacity.level.20.fixToVerdictMs.p95': 1400,
      'capacity.level.20.memPct': 30,
      'peer.battenColdMs.p50': 4000,
      'peer.kwokctlColdMs.p50': 8000,
      'peer.kwokctlColdRatio': 0.5,
    },
    {},
  );
  expect(html).toContain('<strong>20 learners</strong>');
  expect(html).toMatch(/<polyline class="p95" points="[\d.]+,[\d.]+ [\d.]+,[\d.]+">/);
  expect(html).toMatch(/<tr><td class="num">20<\/td><td class="num">—<\/td><td class="num">1400<\/td>/);
  expect(html).not.toContain('<code>capacity.level.');
  expect(html).toMatch(/ready API from nothing \(ms, p50\)<\/th><td class="num">4000<\/td><td class="num">8000<\/td><td>kwokctl --runtime binary<\/td><td class="num">0.5<\/td>/);
  expect(html).not.toContain('controller-runtime envtest'); // no envtest figure, no row
});

test('without a ramp or peers the page says which suite to run', () => {
  const html = renderReport({ 'grid.pushMs.p95': 51, notes: ['capacity: stopped by <p95>'] }, {});
  expect(html).toContain('<li>capacity: stopped by &#60;p95&#62;</li>');
  expect(html).toContain('npm run bench -- capacity');
  expect(html).toContain('npm run bench -- peers');
});
