import assert from 'node:assert/strict';
import { test } from 'vitest';
import { policyCelProblems, unknownResource } from './content-check.ts';

const none = new Set<string>();

test('built-in resources, subresources, wildcards and what only the authorizer knows are known', () => {
  for (const r of ['secrets', 'deployments.apps', 'pods/exec', 'serviceaccounts/token', 'nodes/proxy', 'nodes/metrics', 'users', 'groups', 'uids.authentication.k8s.io', 'userextras.authentication.k8s.io/scopes', 'signers.certificates.k8s.io', 'certificatesigningrequests.certificates.k8s.io/approval', '*', 'pods/*']) {
    assert.equal(unknownResource(r, none), undefined, r);
  }
});

test('an unknown resource or subresource is an error with a suggestion; a CRD the exercise installs is known', () => {
  assert.equal(unknownResource('deployments', none), '"deployments" is not a built-in resource (did you mean "deployments.apps"?); write the plural resource with its API group and subresource, like deployments.apps or pods/exec (or install its CRD in setup/)');
  assert.match(unknownResource('secret', none) ?? '', /\(did you mean "secrets"\?\)/);
  assert.match(unknownResource('rolebindings.rbac.authorization.k8s.io/status', none) ?? '', /has no subresource "status"; it has no subresources/);
  assert.match(unknownResource('pods/exce', none) ?? '', /no subresource "exce" \(did you mean "exec"\?\); its subresources are attach, binding/);
  assert.match(unknownResource('widgets.example.com', none) ?? '', /"widgets.example.com" is not a built-in resource/);
  assert.equal(unknownResource('widgets.example.com/status', new Set(['widgets.example.com'])), undefined);
});

const policy = (spec: unknown, kind = 'ValidatingAdmissionPolicy') => ({ file: 'ex/setup/p.yaml', index: 1, object: { apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata: { name: 'p' }, spec } as never });

test('every CEL field of a ValidatingAdmissionPolicy is compiled, Kubernetes optional syntax included', () => {
  const problems = policyCelProblems(
    policy({
      matchConditions: [{ name: 'm', expression: "request.userInfo.username != 'admin'" }],
      variables: [{ name: 'v', expression: 'object.spec.containers +' }],
      validations: [{ expression: 'object.?spec.?template.?spec.orValue({}) != {} && [?a, 1].size() > 0' }, { expression: 'true', messageExpression: "'bad: ' + " }],
      auditAnnotations: [{ key: 'k', valueExpression: 'string(object.metadata.name)' }],
    }),
  );
  assert.deepEqual(problems.map((p) => [p.file, p.path]), [
    ['ex/setup/p.yaml', 'document 2: spec.validations[1].messageExpression'],
    ['ex/setup/p.yaml', 'document 2: spec.variables[0].expression'],
  ]);
  assert.match(problems[0]?.message ?? '', /^the CEL does not compile \(\d+:\d+: .+\); fix the expression$/);
  assert.deepEqual(policyCelProblems(policy({ validations: [{ expression: '((' }] }, 'ConfigMap')), []);
});
