import { z } from 'zod';
import { accessReview, describeAccess, type Access } from '../access-review.ts';
import { RBAC, type ProbeKind } from '../probe.ts';
import { resolveSubject, subjectSchema, subjectWatches } from '../subject.ts';

interface Power extends Access {
  /** What holding it gives an attacker. */
  gives: string;
}

const RBAC_GROUP = 'rbac.authorization.k8s.io';
/** Where cluster-wide secrets and powerful service accounts live. */
const SYSTEM = 'kube-system';

/** Powers equivalent to cluster-admin: each one is, or leads in a step or two to, every
 * Secret and every identity of the cluster. Removing cluster-admin while keeping one of
 * these removes nothing. */
export const ADMIN_POWERS: readonly Power[] = [
  { verb: '*', resource: '*.*', gives: 'everything (a wildcard rule)' },
  { verb: 'list', resource: 'secrets', gives: 'every Secret of the cluster' },
  { verb: 'watch', resource: 'secrets', gives: 'every Secret of the cluster, as it changes' },
  { verb: 'get', resource: 'secrets', namespace: SYSTEM, gives: 'the control plane’s Secrets' },
  { verb: 'create', resource: 'pods', namespace: SYSTEM, gives: 'code running as any kube-system service account, mounting any of its Secrets' },
  { verb: 'create', resource: 'pods', gives: 'pods in every namespace, mounting their Secrets' },
  { verb: 'create', resource: 'pods/exec', namespace: SYSTEM, gives: 'a shell in the control plane’s pods' },
  { verb: 'update', resource: 'pods/ephemeralcontainers', namespace: SYSTEM, gives: 'a debug container inside the control plane’s pods' },
  { verb: 'create', resource: 'deployments.apps', namespace: SYSTEM, gives: 'workloads running as any kube-system service account' },
  { verb: 'create', resource: 'daemonsets.apps', gives: 'a pod on every node' },
  { verb: 'create', resource: 'jobs.batch', namespace: SYSTEM, gives: 'jobs running as any kube-system service account' },
  { verb: 'create', resource: 'serviceaccounts/token', namespace: SYSTEM, gives: 'a token of any kube-system service account' },
  { verb: 'create', resource: 'serviceaccounts/token', gives: 'a token of any service account' },
  { verb: 'create', resource: 'secrets', namespace: SYSTEM, gives: 'a long-lived token Secret for any kube-system service account' },
  { verb: 'create', resource: `clusterrolebindings.${RBAC_GROUP}`, gives: 'cluster-admin, by binding it to itself' },
  { verb: 'patch', resource: `clusterrolebindings.${RBAC_GROUP}`, gives: 'cluster-admin, by adding itself to a binding' },
  { verb: 'create', resource: `rolebindings.${RBAC_GROUP}`, namespace: SYSTEM, gives: 'any role in kube-system, by binding it to itself' },
  { verb: 'escalate', resource: `clusterroles.${RBAC_GROUP}`, gives: 'any permission, by writing it into a role' },
  { verb: 'bind', resource: `clusterroles.${RBAC_GROUP}`, gives: 'any role, by binding it without holding it' },
  { verb: 'impersonate', resource: 'users', gives: 'acting as any user, cluster admins included' },
  { verb: 'impersonate', resource: 'groups', gives: 'acting as system:masters' },
  { verb: 'impersonate', resource: 'serviceaccounts', gives: 'acting as any service account' },
  { verb: 'impersonate', resource: 'uids.authentication.k8s.io', gives: 'acting as any identity’s uid' },
  { verb: 'update', resource: 'certificatesigningrequests.certificates.k8s.io/approval', gives: 'approving its own client certificate for system:masters' },
  { verb: 'create', resource: 'mutatingwebhookconfigurations.admissionregistration.k8s.io', gives: 'rewriting every object the API server admits' },
  { verb: 'get', resource: 'nodes/proxy', gives: 'the kubelet’s API: exec in any pod on the node' },
  { verb: 'create', resource: 'nodes/proxy', gives: 'the kubelet’s API: exec in any pod on the node' },
];

const schema = z.strictObject({
  as: subjectSchema,
  groups: z.array(z.string()).optional(),
  expect: z.literal('none').describe('none of the powers equivalent to cluster-admin may remain'),
});
type Spec = z.infer<typeof schema>;

/** The identity holds none of the powers equivalent to cluster-admin (ADMIN_POWERS): the
 * check every over-privilege exercise shares, so that a fix which trades cluster-admin for
 * impersonation, token minting, escalate or bind earns nothing. */
export const adminPowers: ProbeKind<Spec> = {
  schema,
  watches: (s) => [...RBAC, ...subjectWatches(s.as)],
  async evaluate(ctx, s) {
    const subject = await resolveSubject(ctx.kube, s.as);
    if ('missing' in subject) return { ok: false, detail: subject.missing };
    const as = subject.user;
    const answers = await Promise.all(ADMIN_POWERS.map((p) => accessReview(ctx.kube, as, s.groups, p)));
    const kept = ADMIN_POWERS.filter((_, i) => answers[i]!.allowed);
    const request = `may ${as} do any of ${ADMIN_POWERS.length} things equivalent to cluster-admin? (SubjectAccessReviews)`;
    if (kept.length === 0) return { ok: true, detail: `${as} holds none of the ${ADMIN_POWERS.length} powers equivalent to cluster-admin`, attack: { request, response: 'denied, every one' } };
    const listed = kept.slice(0, 4).map((p) => `${describeAccess(p)} (${p.gives})`);
    const more = kept.length > 4 ? `, and ${kept.length - 4} more` : '';
    return {
      ok: false,
      detail: `${as} can still ${listed.join('; ')}${more}`,
      attack: { request, response: `allowed: ${kept.map(describeAccess).join('; ')}` },
    };
  },
};
