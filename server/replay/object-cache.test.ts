import { expect, test } from 'vitest';
import { CacheBudget, ObjectCache } from './object-cache.ts';

const cm = (name: string, size: number) => ({ metadata: { name, namespace: 'ns' }, data: { v: 'x'.repeat(size) } });

test('keeps objects within the shared budget, then stubs; deleting frees the budget', () => {
  const budget = new CacheBudget(250);
  const a = new ObjectCache(budget);
  const b = new ObjectCache(budget);
  a.set('ns/one', cm('one', 100));
  expect(a.get('ns/one')).toEqual(cm('one', 100));
  b.set('ns/two', cm('two', 100)); // the other kind shares the budget: over it
  expect(b.get('ns/two')).toEqual({ metadata: { name: 'two', namespace: 'ns' } });
  expect(b.has('ns/two')).toBe(true);
  a.delete('ns/one');
  expect(budget.used).toBe(0);
  b.set('ns/two', cm('two', 100));
  expect(b.get('ns/two')).toEqual(cm('two', 100));
  b.set('ns/two', cm('two', 120)); // a replacement is counted once
  expect(budget.used).toBe(JSON.stringify(cm('two', 120)).length);
  expect(b.entries().map(([k]) => k)).toEqual(['ns/two']);
});

test('a stub keeps the owners, so a delete of a controlled object is still recognised', () => {
  const c = new ObjectCache(new CacheBudget(0));
  c.set('ns/p', { metadata: { name: 'p', namespace: 'ns', ownerReferences: [{ controller: true }] }, spec: {} });
  expect(c.get('ns/p')).toEqual({ metadata: { name: 'p', namespace: 'ns', ownerReferences: [{ controller: true }] } });
});
