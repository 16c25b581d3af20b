import { z } from 'zod';
import { accessReview, describeAccess } from '../access-review.ts';
import { excerpt, RBAC, type ProbeKind } from '../probe.ts';
import { resolveSubject, subjectSchema, subjectWatches } from '../subject.ts';

const schema = z.strictObject({
  as: subjectSchema,
  groups: z.array(z.string()).optional(),
  verb: z.string().min(1),
  resource: z.string().min(1).describe('plural resource, with .group and /subresource: secrets, deployments.apps, pods/exec'),
  namespace: z.string().optional().describe('omit for all namespaces (or a cluster-scoped resource)'),
  name: z.string().optional(),
  expect: z.enum(['allowed', 'denied']),
});
type Spec = z.infer<typeof schema>;

/** May identity X do verb V on resource R? Asked with a SubjectAccessReview, exactly as
 * the API server's authorizer answers it. X may be the account a live workload runs as. */
export const canI: ProbeKind<Spec> = {
  schema,
  watches: (s) => [...RBAC, ...subjectWatches(s.as)],
  async evaluate(ctx, s) {
    const subject = await resolveSubject(ctx.kube, s.as);
    if ('missing' in subject) return { ok: false, detail: subject.missing };
    const as = subject.user;
    const { allowed, reason } = await accessReview(ctx.kube, as, s.groups, s);
    const what = describeAccess(s);
    // the authorizer's reason names the binding that grants it: the live hint
    const attack = { request: `may ${as} ${what}? (SubjectAccessReview)`, response: `${allowed ? 'allowed' : 'denied'}${reason ? `: ${excerpt(reason)}` : ''}` };
    if (s.expect === 'denied') {
      return allowed ? { ok: false, detail: `${as} can still ${what}`, attack } : { ok: true, detail: `${as} can no longer ${what}`, attack };
    }
    return allowed ? { ok: true, detail: `${as} can ${what}, as it needs to` } : { ok: false, detail: `${as} can no longer ${what}, which it needs` };
  },
};
