import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import type { KubeObject } from '../../kube/kube-client.ts';
import { impliedGroups, type ProbeKind } from '../probe.ts';

const schema = z.strictObject({
  as: z.string().optional().describe('user or system:serviceaccount:NS:NAME to create it as (default: the cluster admin)'),
  groups: z.array(z.string()).optional(),
  manifest: z.looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }) }),
  expect: z.enum(['admitted', 'rejected']),
  message: z.string().optional().describe('a rejection must contain this text, e.g. violates PodSecurity'),
  mode: z.enum(['dry-run', 'create']).default('dry-run').describe('create: really create it (under a fresh name, deleted at once when admitted), as an attacker would; a policy that only bites on dry-runs cannot fool it'),
});
type Spec = z.infer<typeof schema>;

/** Would the API server admit this manifest from this identity? A server-side dry-run
 * create: authorization, Pod Security Admission, ValidatingAdmissionPolicy and webhooks
 * all run, and nothing is stored. With `mode: create` the object is really created, under
 * a fresh name each time, and deleted at once if it was admitted. */
export const admission: ProbeKind<Spec> = {
  schema,
  watches: (s) => [
    { apiVersion: 'v1', kind: 'Namespace' },
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' },
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding' },
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' },
    ...(s.as ? [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' }, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' }] : []),
  ],
  async evaluate(ctx, s) {
    const asked = s.manifest as KubeObject;
    const as = s.as ? { user: s.as, groups: impliedGroups(s.as, s.groups) } : undefined;
    const real = s.mode === 'create';
    const obj = real ? { ...asked, metadata: { ...asked.metadata, name: `${asked.metadata.name.slice(0, 40)}-${randomBytes(4).toString('hex')}` } } : asked;
    const res = await ctx.kube.create(obj, as, !real);
    if (real && (res.status === 200 || res.status === 201)) await ctx.kube.delete(obj);
    if (res.status >= 500 || res.status === 0) throw new ClusterError(`dry-run create failed: HTTP ${res.status}`, 'check that the API server is up');
    const what = `${real ? 'a real ' : ''}${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${asked.metadata.name}${s.as ? ` from ${s.as}` : ''}`;
    const admitted = res.status === 200 || res.status === 201 || res.status === 409; // 409: an object of that name exists, admission passed
    const message = admitted ? '' : (safeJson(res.body)?.message ?? res.body.slice(0, 300));
    if (s.expect === 'rejected') {
      if (admitted) return { ok: false, detail: `the API server still admits ${what}: nothing rejects it` };
      if (s.message && !message.includes(s.message)) return { ok: false, detail: `${what} is rejected, but not for the expected reason ("${s.message}"): ${message}` };
      return { ok: true, detail: `the API server rejects ${what}: ${message}` };
    }
    return admitted ? { ok: true, detail: `the API server admits ${what}, as it should` } : { ok: false, detail: `the API server now rejects ${what}, which must keep working: ${message}` };
  },
};

function safeJson(text: string): { message?: string } | undefined {
  try {
    return JSON.parse(text) as { message?: string };
  } catch {
    return undefined;
  }
}
