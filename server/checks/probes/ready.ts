import { z } from 'zod';
import type { ProbeKind } from '../probe.ts';

/** The kinds `ready` understands, with their API version. */
export const READY_KINDS = {
  Deployment: 'apps/v1',
  StatefulSet: 'apps/v1',
  DaemonSet: 'apps/v1',
  ReplicaSet: 'apps/v1',
  Pod: 'v1',
  Job: 'batch/v1',
} as const;
export type ReadyKind = keyof typeof READY_KINDS;

const schema = z.strictObject({
  kind: z.enum(Object.keys(READY_KINDS) as [ReadyKind, ...ReadyKind[]]).describe('a workload (ready replicas), a Pod (its Ready condition) or a Job (completed)'),
  namespace: z.string().min(1),
  name: z.string().min(1),
  minReady: z.number().int().min(1).default(1).describe('at least this many ready replicas (scaling to 0 is not a fix); not used for a Pod or Job'),
});
type Spec = z.infer<typeof schema>;

/** What `readiness` reads of a workload, a Pod or a Job. */
export interface ReadyObject {
  metadata: { generation?: number; deletionTimestamp?: string };
  spec?: { replicas?: number; completions?: number };
  status?: {
    observedGeneration?: number;
    readyReplicas?: number;
    updatedReplicas?: number;
    numberReady?: number;
    desiredNumberScheduled?: number;
    phase?: string;
    conditions?: { type?: string; status?: string; reason?: string; message?: string }[];
    succeeded?: number;
    failed?: number;
  };
}

const condition = (o: ReadyObject, type: string) => o.status?.conditions?.find((c) => c.type === type);

/**
 * Is the object ready: a Deployment, StatefulSet, ReplicaSet or DaemonSet with its replicas
 * ready and rolled out (at least `minReady`), a Pod Running with its Ready condition true,
 * a Job that has succeeded. `id` names it in the detail. Pure; the one readiness rule
 * (the probe and the setup's wait both use it).
 */
export function readiness(kind: ReadyKind, o: ReadyObject, id: string, minReady = 1): { ok: boolean; detail: string } {
  const st = o.status ?? {};
  if (kind === 'Pod') {
    const ready = condition(o, 'Ready')?.status === 'True';
    if (st.phase === 'Running' && ready) return { ok: true, detail: `${id} is running and ready` };
    if (st.phase === 'Succeeded' || st.phase === 'Failed') return { ok: false, detail: `${id} has stopped (${st.phase}): the application must keep running` };
    return { ok: false, detail: `${id} is ${st.phase ?? 'Pending'}${st.phase === 'Running' ? ' but not ready' : ''}` };
  }
  if (kind === 'Job') {
    const want = o.spec?.completions ?? 1;
    const done = st.succeeded ?? 0;
    const failed = condition(o, 'Failed');
    if (failed?.status === 'True') return { ok: false, detail: `${id} has failed${failed.reason ? ` (${failed.reason})` : ''}` };
    if (condition(o, 'Complete')?.status === 'True' || done >= want) return { ok: true, detail: `${id} has completed (${done} succeeded)` };
    return { ok: false, detail: `${id} has not completed yet (${done} of ${want} succeeded)` };
  }
  const want = kind === 'DaemonSet' ? (st.desiredNumberScheduled ?? 0) : (o.spec?.replicas ?? 1);
  const readyNow = kind === 'DaemonSet' ? (st.numberReady ?? 0) : (st.readyReplicas ?? 0);
  const current = (st.observedGeneration ?? 0) >= (o.metadata.generation ?? 0);
  const updated = kind === 'Deployment' ? (st.updatedReplicas ?? 0) >= want : true;
  if (want < minReady) return { ok: false, detail: `${id} wants ${want} replica(s); it needs at least ${minReady} to serve` };
  if (readyNow >= want && current && updated) return { ok: true, detail: `${id} has ${readyNow} ready replica(s)` };
  return { ok: false, detail: `${id} has ${readyNow} of ${want} replica(s) ready${current && updated ? '' : ' (a rollout is in progress)'}` };
}

/** A workload exists and has its replicas ready, a Pod is ready, a Job has completed: the
 * application still works. */
export const ready: ProbeKind<Spec> = {
  schema,
  watches: (s) => [{ apiVersion: READY_KINDS[s.kind], kind: s.kind, namespace: s.namespace }, { kind: 'Namespace' }],
  async evaluate(ctx, s) {
    const [w, ns] = await Promise.all([
      ctx.kube.get<ReadyObject>(READY_KINDS[s.kind], s.kind, s.namespace, s.name),
      ctx.kube.get<{ status?: { phase?: string } }>('v1', 'Namespace', undefined, s.namespace),
    ]);
    const id = `${s.kind} ${s.namespace}/${s.name}`;
    if (!w) return { ok: false, detail: `${id} is gone: the application must keep running` };
    // Deleting takes a while; a workload on its way out does not count as running.
    if (w.metadata.deletionTimestamp || ns?.status?.phase === 'Terminating') return { ok: false, detail: `${id} is being deleted: the application must keep running` };
    return readiness(s.kind, w, id, s.minReady);
  },
};
