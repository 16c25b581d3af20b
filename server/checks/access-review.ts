import { ClusterError } from '../clusters/errors.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { impliedGroups } from './probe.ts';

export interface Access {
  verb: string;
  /** Plural resource, with .group and /subresource: secrets, deployments.apps, pods/exec. */
  resource: string;
  /** Omit for all namespaces (or a cluster-scoped resource). */
  namespace?: string;
  name?: string;
}

/** `verb resource [name] in namespace X | in all namespaces`. Pure. */
export function describeAccess(a: Access): string {
  return `${a.verb} ${a.resource}${a.name ? ` ${a.name}` : ''} ${a.namespace ? `in namespace ${a.namespace}` : 'in all namespaces'}`;
}

/** May `user` do this? A SubjectAccessReview, answered exactly as the API server's
 * authorizer answers the user's own request; `reason` names what grants it. */
export async function accessReview(kube: KubeClient, user: string, groups: readonly string[] | undefined, a: Access): Promise<{ allowed: boolean; reason?: string }> {
  const [resourceGroup, subresource] = a.resource.split('/') as [string, string | undefined];
  const dot = resourceGroup.indexOf('.');
  const resource = dot < 0 ? resourceGroup : resourceGroup.slice(0, dot);
  const group = dot < 0 ? '' : resourceGroup.slice(dot + 1);
  const res = await kube.request('POST', '/apis/authorization.k8s.io/v1/subjectaccessreviews', {
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user, groups: impliedGroups(user, groups), resourceAttributes: { verb: a.verb, group, resource, subresource, namespace: a.namespace, name: a.name } },
    },
  });
  if (res.status !== 201 && res.status !== 200) throw new ClusterError(`SubjectAccessReview failed: HTTP ${res.status}`, 'check that the API server is up');
  const status = res.json<{ status?: { allowed?: boolean; reason?: string } }>().status;
  return { allowed: status?.allowed === true, ...(status?.reason ? { reason: status.reason } : {}) };
}
