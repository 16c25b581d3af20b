import assert from 'node:assert/strict';
import { test } from 'vitest';
import { formatSelector, isEmptySelector, matches } from './label-selector.ts';
import type { LabelSelector, Labels } from './types.ts';

const web: Labels = { app: 'web', tier: 'frontend' };

const cases: { name: string; selector: LabelSelector; labels: Labels | undefined; want: boolean }[] = [
  { name: '{} selects everything', selector: {}, labels: web, want: true },
  { name: '{} selects a pod without labels', selector: {}, labels: undefined, want: true },
  { name: 'matchLabels: all pairs match', selector: { matchLabels: { app: 'web', tier: 'frontend' } }, labels: web, want: true },
  { name: 'matchLabels: one value differs', selector: { matchLabels: { app: 'web', tier: 'backend' } }, labels: web, want: false },
  { name: 'matchLabels: label missing', selector: { matchLabels: { env: 'prod' } }, labels: web, want: false },
  { name: 'matchLabels: inherited property names are not labels', selector: { matchLabels: { constructor: 'x' } }, labels: {}, want: false },
  { name: 'In: value listed', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }, labels: web, want: true },
  { name: 'In: value not listed', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['api'] }] }, labels: web, want: false },
  { name: 'In: label missing', selector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, labels: web, want: false },
  { name: 'NotIn: value not listed', selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, labels: web, want: true },
  { name: 'NotIn: value listed', selector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, labels: web, want: false },
  { name: 'NotIn: label missing matches', selector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, labels: web, want: true },
  { name: 'Exists: present', selector: { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, labels: web, want: true },
  { name: 'Exists: missing', selector: { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, labels: web, want: false },
  { name: 'Exists: present with empty value', selector: { matchExpressions: [{ key: 'flag', operator: 'Exists' }] }, labels: { flag: '' }, want: true },
  { name: 'DoesNotExist: missing', selector: { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, labels: web, want: true },
  { name: 'DoesNotExist: present', selector: { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels: web, want: false },
  {
    name: 'matchLabels and matchExpressions are ANDed',
    selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['backend'] }] },
    labels: web,
    want: false,
  },
];

for (const c of cases) {
  test(`label selector: ${c.name}`, () => assert.equal(matches(c.selector, c.labels), c.want));
}

test('an unknown operator is an error naming it', () => {
  const bad = { matchExpressions: [{ key: 'app', operator: 'Equals', values: ['web'] }] } as unknown as LabelSelector;
  assert.throws(() => matches(bad, web), /unknown operator "Equals" for key "app"/);
});

test('isEmptySelector and formatSelector', () => {
  assert.ok(isEmptySelector({}));
  assert.ok(isEmptySelector({ matchLabels: {}, matchExpressions: [] }));
  assert.ok(!isEmptySelector({ matchLabels: { a: 'b' } }));
  assert.equal(formatSelector({}), '{}');
  assert.equal(
    formatSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'stage'] },
        { key: 'tier', operator: 'NotIn', values: ['db'] },
        { key: 'team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    }),
    'app=web,env in (prod,stage),tier notin (db),team,!legacy',
  );
});
