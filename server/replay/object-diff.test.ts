import { describe, expect, test } from 'vitest';
import { normalize, objectDiff } from './object-diff.ts';

const deployment = (privileged: boolean) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    name: 'web',
    namespace: 'shop',
    uid: 'u-1',
    resourceVersion: '42',
    generation: 3,
    creationTimestamp: '2026-01-01T00:00:00Z',
    managedFields: [{ manager: 'kubectl-edit' }],
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"secret":"x"}' },
    labels: { 'app.kubernetes.io/name': 'web' },
  },
  spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged } }] } } },
  status: { replicas: privileged ? 1 : 2 },
});

describe('normalize', () => {
  test('drops status, bookkeeping metadata and the last-applied copy, keeps the rest', () => {
    const n = normalize(deployment(true));
    expect(n.status).toBeUndefined();
    expect(n.metadata).toEqual({ name: 'web', namespace: 'shop', labels: { 'app.kubernetes.io/name': 'web' } });
    expect(n.spec).toEqual(deployment(true).spec);
  });
  test('keeps annotations other than last-applied and is total on non-objects', () => {
    expect((normalize({ metadata: { name: 'a', annotations: { a: '1', 'kubectl.kubernetes.io/last-applied-configuration': 'x' } } }).metadata as { annotations: unknown }).annotations).toEqual({ a: '1' });
    expect(normalize(null)).toEqual({});
    expect(normalize('text')).toEqual({});
  });
});

describe('objectDiff', () => {
  test('an update shows only the changed leaf, with its path', () => {
    const d = objectDiff(normalize(deployment(true)), normalize(deployment(false)));
    expect(d).toEqual({ lines: [{ path: 'spec.template.spec.containers[0].securityContext.privileged', before: 'true', after: 'false' }], more: 0 });
  });
  test('an item of a list (no apiVersion, no kind) and the same object from a watch give no diff', () => {
    const { apiVersion: _a, kind: _k, ...listItem } = deployment(true);
    expect(objectDiff(normalize(listItem), normalize(deployment(true))).lines).toEqual([]);
  });
  test('status-only and bookkeeping changes give no diff', () => {
    const a = deployment(true);
    const b = { ...deployment(true), status: { replicas: 9 }, metadata: { ...deployment(true).metadata, resourceVersion: '43' } };
    expect(objectDiff(normalize(a), normalize(b)).lines).toEqual([]);
  });
  test('added and removed keys and array elements, odd keys quoted', () => {
    const d = objectDiff({ metadata: { labels: { 'a/b': 'x' } }, spec: { ports: [80] } }, { metadata: { labels: {} }, spec: { ports: [80, 443] } });
    expect(d.lines).toEqual([
      { path: 'metadata.labels["a/b"]', before: '"x"' },
      { path: 'spec.ports[1]', after: '443' },
    ]);
  });
  test('a create lists every leaf of the new object', () => {
    const d = objectDiff(undefined, { kind: 'ConfigMap', data: { a: '1' }, empty: {} });
    expect(d.lines).toEqual([
      { path: 'data.a', after: '"1"' },
      { path: 'empty', after: '{}' },
      { path: 'kind', after: '"ConfigMap"' },
    ]);
  });
  test('a value turning into an object shows both sides', () => {
    expect(objectDiff({ a: 1 }, { a: { b: 2 } }).lines).toEqual([{ path: 'a', before: '1' }, { path: 'a.b', after: '2' }]);
  });
  test('Secret values are redacted, their keys shown; other kinds are not', () => {
    const before = { data: { password: 'c2VjcmV0' }, stringData: { token: 'plain' } };
    const after = { data: { password: 'bmV3', user: 'YWRtaW4=' } };
    const d = objectDiff(before, after, { secret: true });
    expect(d.lines).toEqual([
      { path: 'data.password', before: '(redacted)', after: '(redacted)' },
      { path: 'data.user', after: '(redacted)' },
      { path: 'stringData.token', before: '(redacted)' },
    ]);
    expect(JSON.stringify(d)).not.toMatch(/c2VjcmV0|bmV3|YWRtaW4|plain/);
    expect(objectDiff(before, after).lines[0]).toEqual({ path: 'data.password', before: '"c2VjcmV0"', after: '"bmV3"' });
  });
  test('bounded: paths past maxPaths are counted, long values clipped', () => {
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, 'x'.repeat(50)]));
    const d = objectDiff({}, many, { bounds: { maxPaths: 3, maxValue: 10 } });
    expect(d.lines).toHaveLength(3);
    expect(d.more).toBe(7);
    expect(d.lines[0]!.after).toBe('"xxxxxxxx…');
  });
});
