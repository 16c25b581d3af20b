import assert from 'node:assert/strict';
import { test } from 'vitest';
import { displayText, drawParams, paramEnv, paramsSchema, placeholdersIn, substitute, type UnknownParam } from './params.ts';

const specs = paramsSchema.parse({
  ns: { oneOf: ['shop', 'store', 'market'] },
  suffix: { token: 6 },
  password: { token: 20, alphabet: 'alnum', prefix: 'pw-' },
  port: { int: [30000, 32767] },
});

test('the same seed draws the same values; another seed draws others', () => {
  const a = drawParams(specs, 'seed-a');
  assert.deepEqual(drawParams(specs, 'seed-a'), a);
  const b = drawParams(specs, 'seed-b');
  assert.notEqual(a.suffix, b.suffix);
  assert.notEqual(a.password, b.password);
});

test('each kind of parameter stays within what it declares', () => {
  for (let i = 0; i < 200; i++) {
    const v = drawParams(specs, `s${i}`);
    assert.ok(['shop', 'store', 'market'].includes(v.ns as string));
    assert.match(v.suffix as string, /^[a-z0-9]{6}$/, 'valid in a Kubernetes name');
    assert.match(v.password as string, /^pw-[A-Za-z0-9]{20}$/);
    assert.ok(typeof v.port === 'number' && v.port >= 30000 && v.port <= 32767);
  }
});

test('every choice of a oneOf is drawn over many seeds (no value is stuck)', () => {
  const seen = new Set(Array.from({ length: 100 }, (_, i) => drawParams(specs, `k${i}`).ns));
  assert.equal(seen.size, 3);
});

test('placeholders are replaced in every string, a lone number placeholder becomes a number, keys stay', () => {
  const values = { ns: 'shop', port: 30123 };
  const out = substitute({ metadata: { name: 'web', namespace: '{{ns}}' }, '{{ns}}': 'x', ports: [{ port: '{{port}}' }, { name: 'p-{{ port }}' }] }, values);
  assert.deepEqual(out, { metadata: { name: 'web', namespace: 'shop' }, '{{ns}}': 'x', ports: [{ port: 30123 }, { name: 'p-30123' }] });
});

test('a placeholder no parameter declares is reported with its path and left as written', () => {
  const unknown: UnknownParam[] = [];
  const out = substitute({ pass: [{ canI: { as: '{{sa}}' } }] }, { ns: 'shop' }, unknown, ['objectives']);
  assert.deepEqual(unknown, [{ path: ['objectives', 'pass', 0, 'canI', 'as'], name: 'sa' }]);
  assert.deepEqual(out, { pass: [{ canI: { as: '{{sa}}' } }] });
  assert.deepEqual(placeholdersIn({ title: 'in {{ns}}' }, ['metadata']), [{ path: ['metadata', 'title'], name: 'ns' }]);
});

test('before the values are drawn a learner reads ‹name›; scripts get them as environment variables', () => {
  assert.equal(displayText('kubectl -n {{ns}} get pods'), 'kubectl -n ‹ns› get pods');
  assert.deepEqual(paramEnv({ ns: 'shop', port: 30123 }), { ns: 'shop', port: '30123' });
});

test('parameter names that could replace PATH or HOME in scripts are refused', () => {
  assert.equal(paramsSchema.safeParse({ PATH: { token: 4 } }).success, false);
  assert.equal(paramsSchema.safeParse({ home: { token: 4 } }).success, true, 'lower case never clashes with the shell’s own variables');
  assert.equal(paramsSchema.safeParse({ x: { token: 0 } }).success, false);
  assert.equal(paramsSchema.safeParse({ x: { oneOf: [] } }).success, false);
});
