import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { probeContext } from '../../server/checks/context.ts';
import type { ProbeContext, Verdict } from '../../server/checks/probe.ts';
import { admission } from '../../server/checks/probes/admission.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { clusterClient, type KubeClient } from '../../server/kube/kube-client.ts';
import { eventually, kubectl, testProvider } from '../support/clusters.ts';

/**
 * The admission probe (`mode: create` and the default dry-run) against a learner who owns the
 * cluster: policies that tell the checker's requests apart from everybody else's, and a
 * policy that stops the checker from deleting what it creates. One embedded cluster. Each
 * test failed before the fix in server/checks/probes/admission.ts.
 */

const NS = 'shop';
const SETUP = `apiVersion: v1
kind: Namespace
metadata: { name: ${NS} }
`;

/** A root pod: what PSA's restricted profile refuses, and what the exercises ask to refuse. */
const rootPod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NS }, spec: { containers: [{ name: 'c', image: 'busybox:1.36' }] } });

/** A ValidatingAdmissionPolicy and its binding, as a learner applies them with kubectl. */
function policy(name: string, operations: string[], expression: string, message: string): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: { name: ${name} }
spec:
  failurePolicy: Fail
  matchConstraints:
    resourceRules: [{ apiGroups: [""], apiVersions: ["v1"], operations: ${JSON.stringify(operations)}, resources: ["pods"] }]
  validations:
    - expression: ${JSON.stringify(expression)}
      message: ${JSON.stringify(message)}
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: { name: ${name} }
spec: { policyName: ${name}, validationActions: [Deny] }
`;
}

describe('the admission probe cannot be fooled or made to litter by the learner who owns the cluster', () => {
  let cluster: Cluster;
  let ctx: ProbeContext;
  let learner: KubeClient;

  const apply = async (yaml: string) => {
    const r = await kubectl(cluster, ['apply', '-f', '-'], { stdin: yaml });
    assert.equal(r.code, 0, r.stderr);
  };
  const remove = async (name: string) => {
    const r = await kubectl(cluster, ['delete', 'validatingadmissionpolicybinding,validatingadmissionpolicy', name]);
    assert.equal(r.code, 0, r.stderr);
  };
  /** Evaluates a probe; a probe that cannot answer is an error, never a pass. */
  const evaluate = (spec: unknown): Promise<Verdict | Error> => admission.evaluate(ctx, admission.schema.parse(spec)).catch((e: Error) => e);
  /** Waits until the API server enforces a new policy (it loads them a moment after they are created). */
  const enforced = async (what: string, refused: () => Promise<boolean>) => eventually(what, refused, 30_000);
  const podNames = async () => (await learner.list<{ metadata: { name: string } }>('v1', 'Pod', NS)).map((p) => p.metadata.name);

  beforeAll(async () => {
    cluster = await testProvider().create();
    ctx = probeContext(cluster);
    learner = clusterClient(cluster, 'learner');
    await apply(SETUP);
  });
  afterAll(async () => {
    await cluster?.dispose();
  });

  // Fixed in server/checks/probes/admission.ts: with no `as`, the request is made as the
  // cluster admin the learner is (kubernetes-admin, system:masters, with a credential id),
  // not as the checker's own user. Before: a policy refusing only batten:checker passed
  // "expect: rejected" probes, in both modes, while the learner created the same pod.
  test("a policy that refuses only the checker's own user earns nothing", async () => {
    await apply(policy('deny-the-checker', ['CREATE'], "request.userInfo.username != 'batten:checker'", 'violates PodSecurity "restricted:latest" (a decoy)'));
    await enforced('the decoy policy', async () => [403, 422].includes((await ctx.kube.create(rootPod('wait'), undefined, true)).status));
    try {
      for (const mode of ['create', 'dry-run'] as const) {
        const v = await evaluate({ mode, expect: 'rejected', message: 'violates PodSecurity', manifest: rootPod('batten-probe-root') });
        assert.ok(!(v instanceof Error), String(v));
        assert.equal(v.ok, false, `mode ${mode}: the decoy earned the points: ${v.detail}`);
      }
      // the learner (and anyone else) still creates root pods: nothing was fixed
      assert.equal((await learner.create(rootPod('learner-root'))).status, 201);
    } finally {
      await remove('deny-the-checker');
      await learner.request('DELETE', `/api/v1/namespaces/${NS}/pods/learner-root?gracePeriodSeconds=0`);
    }
  });

  // Fixed in server/checks/probes/admission.ts: an impersonated identity also carries what a
  // real request of it carries (a credential id; a service account's uid). Before: a policy
  // refusing requests without them refused every impersonated request, i.e. only the
  // checker's, and the ReplicaSet controller went on creating pods.
  test("a policy that refuses requests without a real credential (the checker's impersonations) earns nothing", async () => {
    const real = "has(request.userInfo.extra) && 'authentication.kubernetes.io/credential-id' in request.userInfo.extra && (!request.userInfo.username.startsWith('system:serviceaccount:') || (has(request.userInfo.uid) && request.userInfo.uid != ''))";
    await apply(policy('deny-impersonation', ['CREATE'], real, 'violates PodSecurity "restricted:latest" (a decoy)'));
    await enforced('the impersonation decoy', async () => [403, 422].includes((await ctx.kube.create(rootPod('wait'), { user: 'system:serviceaccount:kube-system:replicaset-controller', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] }, true)).status));
    try {
      const asController = { as: 'system:serviceaccount:kube-system:replicaset-controller', expect: 'rejected', message: 'violates PodSecurity', manifest: rootPod('batten-probe-rs') };
      for (const spec of [{ ...asController, mode: 'create' }, asController, { mode: 'create', expect: 'rejected', message: 'violates PodSecurity', manifest: rootPod('batten-probe-admin') }]) {
        const v = await evaluate(spec);
        assert.ok(!(v instanceof Error), String(v));
        assert.equal(v.ok, false, `${JSON.stringify(spec).slice(0, 80)}: the decoy earned the points: ${v.detail}`);
      }
      // the real ReplicaSet controller is not refused: a Deployment still gets its root pod
      assert.equal((await kubectl(cluster, ['-n', NS, 'create', 'deployment', 'web', '--image=busybox:1.36'])).code, 0);
      await eventually('the Deployment pod', async () => (await podNames()).some((n) => n.startsWith('web-')), 60_000);
    } finally {
      await remove('deny-impersonation');
      await kubectl(cluster, ['-n', NS, 'delete', 'deployment', 'web', '--wait=false']);
    }
  });

  // Fixed in server/checks/probes/admission.ts: what `mode: create` created is deleted by
  // uid and checked gone; what cannot be removed is remembered, retried, and the probe
  // answers nothing (and creates nothing more) until it is gone. Before: with deletes
  // refused, every evaluation left one more pod behind and still reported a pass.
  test('a policy that refuses the checker\'s deletes leaves at most one object behind, and no pass', async () => {
    await eventually('no pods left from earlier tests', async () => (await podNames()).filter((n) => !n.startsWith('web-')).length === 0, 60_000);
    await apply(policy('keep-pods', ['DELETE'], 'false', 'pods stay'));
    await apply('apiVersion: v1\nkind: Pod\nmetadata: { name: canary, namespace: shop }\nspec: { containers: [{ name: c, image: busybox:1.36 }] }\n');
    await enforced('the delete block', async () => (await learner.request('DELETE', `/api/v1/namespaces/${NS}/pods/canary?dryRun=All`)).status === 422);
    const spec = { mode: 'create', expect: 'admitted', manifest: rootPod('batten-probe-ok') };
    const verdicts: (Verdict | Error)[] = [];
    for (let i = 0; i < 3; i++) verdicts.push(await evaluate(spec));
    const left = (await podNames()).filter((n) => n.startsWith('batten-probe-ok'));
    assert.ok(left.length <= 1, `the checker left ${left.length} pods behind: ${left.join(', ')}`);
    for (const v of verdicts) assert.ok(v instanceof Error, `a pass while the checker cannot clean up: ${JSON.stringify(v)}`);
    assert.match((verdicts[2] as Error).message, /could not remove/);
    // once the learner lets it delete again, the leftover goes and the probe answers
    await remove('keep-pods');
    await eventually('deletes allowed again', async () => (await learner.request('DELETE', `/api/v1/namespaces/${NS}/pods/canary?gracePeriodSeconds=0`)).status === 200);
    const v = await evaluate(spec);
    assert.ok(!(v instanceof Error), String(v));
    assert.equal(v.ok, true, v.detail);
    assert.deepEqual((await podNames()).filter((n) => n.startsWith('batten-probe-ok')), []);
  });
});
