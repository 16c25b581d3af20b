import { describe, expect, test } from 'vitest';
import { isLearnerManager, lastManager, learnerChange } from './learner-change.ts';
import { normalize } from './object-diff.ts';

const cm = (value: string, managers: { manager: string; time: string; subresource?: string }[]) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', namespace: 'shop', resourceVersion: String(value.length), managedFields: managers.map((m) => ({ operation: 'Update', ...m })) },
  data: { mode: value },
});
const K = { apiVersion: 'v1', kind: 'ConfigMap' };

describe('who made a change', () => {
  test('the latest managedFields entry, not a status subresource', () => {
    expect(lastManager(cm('a', [{ manager: 'batten-exercise', time: '2026-01-01T00:00:00Z' }, { manager: 'kubectl-edit', time: '2026-01-01T00:05:00Z' }]))).toBe('kubectl-edit');
    expect(lastManager(cm('a', [{ manager: 'kubectl-patch', time: '2026-01-01T00:05:00Z' }, { manager: 'kube-controller-manager', time: '2026-01-01T00:09:00Z', subresource: 'status' }]))).toBe('kubectl-patch');
    expect(lastManager({ metadata: {} })).toBe('');
  });
  test('control-plane and platform managers are not the learner', () => {
    for (const m of ['kube-controller-manager', 'kube-scheduler', 'kwok', 'kwok-controller', 'batten-exercise', 'kubelet', 'endpointslice-controller']) expect(isLearnerManager(m), m).toBe(false);
    for (const m of ['kubectl-edit', 'kubectl-patch', 'kubectl-client-side-apply', 'kubectl', 'kubectl-create', 'curl', '']) expect(isLearnerManager(m), m).toBe(true);
  });
});

describe('learnerChange', () => {
  test("a learner's update: verb, object, manager and the diff", () => {
    const before = normalize(cm('debug', [{ manager: 'batten-exercise', time: '2026-01-01T00:00:00Z' }]));
    const after = cm('safe', [{ manager: 'batten-exercise', time: '2026-01-01T00:00:00Z' }, { manager: 'kubectl-patch', time: '2026-01-01T00:01:00Z' }]);
    expect(learnerChange('MODIFIED', before, after, K)).toEqual({
      verb: 'update', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'settings', manager: 'kubectl-patch',
      diff: [{ path: 'data.mode', before: '"debug"', after: '"safe"' }], more: 0,
    });
  });
  test("a controller's write or a change of nothing but bookkeeping is left out", () => {
    const before = normalize(cm('a', [{ manager: 'kubectl-edit', time: '2026-01-01T00:00:00Z' }]));
    expect(learnerChange('MODIFIED', before, cm('b', [{ manager: 'kube-controller-manager', time: '2026-01-01T00:02:00Z' }]), K)).toBeUndefined();
    expect(learnerChange('MODIFIED', before, { ...cm('a', [{ manager: 'kubectl-edit', time: '2026-01-01T00:03:00Z' }]), status: { x: 1 } }, K)).toBeUndefined();
  });
  test('a create and a delete; a delete of a controller-owned object is left out', () => {
    const created = learnerChange('ADDED', undefined, cm('x', [{ manager: 'kubectl-create', time: '2026-01-01T00:00:00Z' }]), K);
    expect(created).toMatchObject({ verb: 'create', manager: 'kubectl-create', name: 'settings' });
    expect(created!.diff).toContainEqual({ path: 'data.mode', after: '"x"' });
    const gone = cm('x', []);
    expect(learnerChange('DELETED', normalize(gone), gone, K)).toMatchObject({ verb: 'delete', manager: '', name: 'settings' });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-1', ownerReferences: [{ kind: 'ReplicaSet', name: 'web', controller: true }] } };
    expect(learnerChange('DELETED', normalize(pod), pod, { apiVersion: 'v1', kind: 'Pod' })).toBeUndefined();
  });
  test('a Secret never shows its values, even in a create', () => {
    const s = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', managedFields: [{ manager: 'kubectl-create', time: '2026-01-01T00:00:00Z' }], annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"aHVudGVyMg=="}}' } }, data: { password: 'aHVudGVyMg==' } };
    const c = learnerChange('ADDED', undefined, s, { apiVersion: 'v1', kind: 'Secret' });
    expect(c!.diff).toContainEqual({ path: 'data.password', after: '(redacted)' });
    expect(JSON.stringify(c)).not.toContain('aHVudGVyMg');
  });
});
