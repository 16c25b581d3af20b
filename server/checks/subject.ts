import { z } from 'zod';
import type { KubeClient } from '../kube/kube-client.ts';
import type { WatchTarget } from './probe.ts';

const WORKLOADS = {
  Pod: 'v1',
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Job: 'batch/v1',
  CronJob: 'batch/v1',
} as const;
type WorkloadKind = keyof typeof WORKLOADS;

/** Who a check asks about: a user name, or the service account a live workload runs as
 * (read at each evaluation, so that moving the workload to another account that keeps the
 * power does not pass a check on the old account's name). */
export const subjectSchema = z.union([
  z.string().min(1).describe('user name, e.g. system:serviceaccount:shop:default'),
  z
    .strictObject({
      serviceAccountOf: z.strictObject({
        kind: z.enum(Object.keys(WORKLOADS) as [WorkloadKind, ...WorkloadKind[]]),
        namespace: z.string().min(1),
        name: z.string().min(1),
      }),
    })
    .describe('the service account this workload runs as now (its pod template’s serviceAccountName, default: default)'),
]);
export type Subject = z.infer<typeof subjectSchema>;

/** The collections whose changes can change who the subject is. */
export function subjectWatches(s: Subject): WatchTarget[] {
  return typeof s === 'string' ? [] : [{ apiVersion: WORKLOADS[s.serviceAccountOf.kind], kind: s.serviceAccountOf.kind, namespace: s.serviceAccountOf.namespace }];
}

interface PodSpecHolder {
  spec?: {
    serviceAccountName?: string;
    serviceAccount?: string;
    template?: { spec?: { serviceAccountName?: string; serviceAccount?: string } };
    jobTemplate?: { spec?: { template?: { spec?: { serviceAccountName?: string; serviceAccount?: string } } } };
  };
}

/** The pod spec's account: serviceAccountName, its deprecated alias, or `default`. Pure. */
export function accountOf(kind: WorkloadKind, o: PodSpecHolder): string {
  const pod = kind === 'Pod' ? o.spec : kind === 'CronJob' ? o.spec?.jobTemplate?.spec?.template?.spec : o.spec?.template?.spec;
  return pod?.serviceAccountName || pod?.serviceAccount || 'default';
}

/** The user name to ask about, or why there is none (the workload is gone: the application
 * must keep running). */
export async function resolveSubject(kube: KubeClient, s: Subject): Promise<{ user: string } | { missing: string }> {
  if (typeof s === 'string') return { user: s };
  const { kind, namespace, name } = s.serviceAccountOf;
  const o = await kube.get<PodSpecHolder>(WORKLOADS[kind], kind, namespace, name);
  if (!o) return { missing: `there is no ${kind} ${namespace}/${name}: the application must keep running` };
  return { user: `system:serviceaccount:${namespace}:${accountOf(kind, o)}` };
}
