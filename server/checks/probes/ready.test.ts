import assert from 'node:assert/strict';
import { test } from 'vitest';
import { readiness, ready, type ReadyObject } from './ready.ts';

const obj = (o: Partial<ReadyObject>): ReadyObject => ({ metadata: {}, ...o });
const podStatus = (phase: string, readyCondition?: string): ReadyObject => obj({ status: { phase, conditions: readyCondition ? [{ type: 'Ready', status: readyCondition }] : [] } });

test('a Pod is ready when Running with its Ready condition true, not before and not once it stopped', () => {
  assert.deepEqual(readiness('Pod', podStatus('Running', 'True'), 'Pod shop/web'), { ok: true, detail: 'Pod shop/web is running and ready' });
  assert.deepEqual(readiness('Pod', podStatus('Running', 'False'), 'Pod shop/web'), { ok: false, detail: 'Pod shop/web is Running but not ready' });
  assert.deepEqual(readiness('Pod', obj({}), 'Pod shop/web'), { ok: false, detail: 'Pod shop/web is Pending' });
  assert.equal(readiness('Pod', podStatus('Succeeded', 'False'), 'p').ok, false);
  assert.match(readiness('Pod', podStatus('Failed'), 'p').detail, /has stopped \(Failed\)/);
});

test('a Job is ready once it has succeeded as often as it should; a failed Job is not', () => {
  assert.equal(readiness('Job', obj({ status: { succeeded: 1 } }), 'j').ok, true);
  assert.deepEqual(readiness('Job', obj({ spec: { completions: 3 }, status: { succeeded: 2 } }), 'Job ci/build'), { ok: false, detail: 'Job ci/build has not completed yet (2 of 3 succeeded)' });
  assert.equal(readiness('Job', obj({ status: { conditions: [{ type: 'Complete', status: 'True' }] } }), 'j').ok, true);
  assert.deepEqual(readiness('Job', obj({ status: { succeeded: 1, conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] } }), 'j'), { ok: false, detail: 'j has failed (BackoffLimitExceeded)' });
  assert.equal(readiness('Job', obj({}), 'j').ok, false);
});

test('workloads: replicas ready and rolled out, at least minReady; a DaemonSet by its scheduled pods', () => {
  const dep = (replicas: number, readyReplicas: number, extra: Partial<NonNullable<ReadyObject['status']>> = {}) =>
    obj({ metadata: { generation: 2 }, spec: { replicas }, status: { observedGeneration: 2, readyReplicas, updatedReplicas: replicas, ...extra } });
  assert.equal(readiness('Deployment', dep(2, 2), 'd').ok, true);
  assert.match(readiness('Deployment', dep(2, 1), 'd').detail, /1 of 2 replica\(s\) ready$/);
  assert.match(readiness('Deployment', dep(0, 0), 'd').detail, /wants 0 replica\(s\); it needs at least 1/);
  assert.match(readiness('Deployment', dep(2, 2, { observedGeneration: 1 }), 'd').detail, /rollout is in progress/);
  assert.match(readiness('Deployment', dep(2, 2, { updatedReplicas: 1 }), 'd').detail, /rollout is in progress/);
  assert.equal(readiness('StatefulSet', dep(3, 3), 's', 2).ok, true);
  assert.equal(readiness('DaemonSet', obj({ status: { desiredNumberScheduled: 2, numberReady: 2 } }), 'ds').ok, true);
  assert.equal(readiness('DaemonSet', obj({ status: { desiredNumberScheduled: 0, numberReady: 0 } }), 'ds').ok, false);
});

test('the probe accepts Pod and Job and watches them in their own API group', () => {
  const spec = (kind: string) => ready.schema.parse({ kind, namespace: 'ci', name: 'x' });
  assert.deepEqual(ready.watches(spec('Pod'))[0], { apiVersion: 'v1', kind: 'Pod', namespace: 'ci' });
  assert.deepEqual(ready.watches(spec('Job'))[0], { apiVersion: 'batch/v1', kind: 'Job', namespace: 'ci' });
  assert.deepEqual(ready.watches(spec('Deployment'))[0], { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'ci' });
  assert.equal(ready.schema.safeParse({ kind: 'CronJob', namespace: 'ci', name: 'x' }).success, false);
});
