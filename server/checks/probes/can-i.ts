import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import { excerpt, impliedGroups, RBAC, type ProbeKind } from '../probe.ts';

const schema = z.strictObject({
  as: z.string().min(1).describe('user name, e.g. system:serviceaccount:shop:default'),
  groups: z.array(z.string()).optional(),
  verb: z.string().min(1),
  resource: z.string().min(1).describe('plural resource, with .group and /subresource: secrets, deployments.apps, pods/exec'),
  namespace: z.string().optional().describe('omit for all namespaces (or a cluster-scoped resource)'),
  name: z.string().optional(),
  expect: z.enum(['allowed', 'denied']),
});
type Spec = z.infer<typeof schema>;

/** May identity X do verb V on resource R? Asked with a SubjectAccessReview, exactly as
 * the API server's authorizer answers it. */
export const canI: ProbeKind<Spec> = {
  schema,
  watches: () => RBAC,
  async evaluate(ctx, s) {
    const [resourceGroup, subresource] = s.resource.split('/') as [string, string | undefined];
    const dot = resourceGroup.indexOf('.');
    const resource = dot < 0 ? resourceGroup : resourceGroup.slice(0, dot);
    const group = dot < 0 ? '' : resourceGroup.slice(dot + 1);
    const res = await ctx.kube.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SubjectAccessReview',
        spec: { user: s.as, groups: impliedGroups(s.as, s.groups), resourceAttributes: { verb: s.verb, group, resource, subresource, namespace: s.namespace, name: s.name } },
      },
    });
    if (res.status !== 201 && res.status !== 200) throw new ClusterError(`SubjectAccessReview failed: HTTP ${res.status}`, 'check that the API server is up');
    const status = res.json<{ status?: { allowed?: boolean; reason?: string } }>().status;
    const allowed = status?.allowed === true;
    const what = `${s.verb} ${s.resource}${s.name ? ` ${s.name}` : ''} ${s.namespace ? `in namespace ${s.namespace}` : 'in all namespaces'}`;
    // the authorizer's reason names the binding that grants it: the live hint
    const attack = { request: `may ${s.as} ${what}? (SubjectAccessReview)`, response: `${allowed ? 'allowed' : 'denied'}${status?.reason ? `: ${excerpt(status.reason)}` : ''}` };
    if (s.expect === 'denied') {
      return allowed ? { ok: false, detail: `${s.as} can still ${what}`, attack } : { ok: true, detail: `${s.as} can no longer ${what}`, attack };
    }
    return allowed ? { ok: true, detail: `${s.as} can ${what}, as it needs to` } : { ok: false, detail: `${s.as} can no longer ${what}, which it needs` };
  },
};
