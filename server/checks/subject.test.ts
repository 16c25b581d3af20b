import assert from 'node:assert/strict';
import { test } from 'vitest';
import { accountOf, subjectSchema, subjectWatches } from './subject.ts';

test('the account a workload runs as is read from where its kind keeps the pod spec', () => {
  assert.equal(accountOf('Deployment', { spec: { template: { spec: { serviceAccountName: 'builder' } } } }), 'builder');
  assert.equal(accountOf('Deployment', { spec: { template: { spec: {} } } }), 'default');
  assert.equal(accountOf('Pod', { spec: { serviceAccount: 'old-style' } }), 'old-style', 'the deprecated alias still decides');
  assert.equal(accountOf('CronJob', { spec: { jobTemplate: { spec: { template: { spec: { serviceAccountName: 'nightly' } } } } } }), 'nightly');
  assert.equal(accountOf('Pod', { spec: { serviceAccountName: '' } }), 'default');
});

test('a subject is a user name or a live workload, and a workload subject is watched', () => {
  assert.equal(subjectSchema.safeParse('system:anonymous').success, true);
  const live = subjectSchema.parse({ serviceAccountOf: { kind: 'Deployment', namespace: 'shop', name: 'web' } });
  assert.deepEqual(subjectWatches(live), [{ apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'shop' }]);
  assert.equal(subjectSchema.safeParse({ serviceAccountOf: { kind: 'Service', namespace: 'shop', name: 'web' } }).success, false);
});
