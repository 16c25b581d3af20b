import assert from 'node:assert/strict';
import { test } from 'vitest';
import { evaluateCel } from './cel-eval.ts';

const deployment = {
  spec: { replicas: 2, template: { spec: { containers: [{ name: 'api', securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false } }, { name: 'side' }] } } },
};

test('field access, numbers and macros over JSON', () => {
  assert.deepEqual(evaluateCel('d.spec.replicas == 2', { d: deployment }), { value: true });
  assert.deepEqual(evaluateCel("d.spec.template.spec.containers.exists(c, c.name == 'side')", { d: deployment }), { value: true });
  assert.deepEqual(evaluateCel('d.spec.template.spec.containers.all(c, has(c.securityContext) && c.securityContext.runAsNonRoot)', { d: deployment }), { value: false });
});

test('null objects and lists', () => {
  assert.deepEqual(evaluateCel('d == null', { d: null }), { value: true });
  assert.deepEqual(evaluateCel('size(pods) == 0', { pods: [] }), { value: true });
});

test('a missing field and a syntax error are errors, not false', () => {
  assert.match(evaluateCel('d.spec.nope == 1', { d: deployment }).error ?? '', /nope/);
  assert.ok(evaluateCel('d.spec.(', { d: deployment }).error);
});

test('compileCel names the position of a syntax error; Kubernetes optional syntax only where asked', async () => {
  const { compileCel } = await import('./cel-eval.ts');
  assert.equal(compileCel("d.spec.template.spec.containers.all(c, c.image.startsWith('registry.local/'))"), undefined);
  assert.match(compileCel('d.spec.replicas ==') ?? '', /^1:\d+: /);
  assert.ok(compileCel('d.?spec.orValue(1) == 1'), 'the evaluator itself has no optional syntax');
  assert.equal(compileCel('d.?spec.orValue(1) == 1 && m[?"k"].hasValue() && {?"a": x}.size() == 1', { kubernetes: true }), undefined);
  assert.equal(compileCel('a ? b : c', { kubernetes: true }), undefined);
});
