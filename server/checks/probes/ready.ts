import { z } from 'zod';
import type { ProbeKind } from '../probe.ts';

const schema = z.strictObject({
  kind: z.enum(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']),
  namespace: z.string().min(1),
  name: z.string().min(1),
  minReady: z.number().int().min(1).default(1).describe('at least this many ready replicas (scaling to 0 is not a fix)'),
});
type Spec = z.infer<typeof schema>;

interface Workload {
  metadata: { generation?: number; deletionTimestamp?: string };
  spec?: { replicas?: number };
  status?: { observedGeneration?: number; readyReplicas?: number; updatedReplicas?: number; numberReady?: number; desiredNumberScheduled?: number };
}

/** A workload exists and has its replicas ready: the application still works. */
export const ready: ProbeKind<Spec> = {
  schema,
  watches: (s) => [{ apiVersion: 'apps/v1', kind: s.kind, namespace: s.namespace }, { kind: 'Namespace' }],
  async evaluate(ctx, s) {
    const [w, ns] = await Promise.all([
      ctx.kube.get<Workload>('apps/v1', s.kind, s.namespace, s.name),
      ctx.kube.get<{ status?: { phase?: string } }>('v1', 'Namespace', undefined, s.namespace),
    ]);
    const id = `${s.kind} ${s.namespace}/${s.name}`;
    if (!w) return { ok: false, detail: `${id} is gone: the application must keep running` };
    // Deleting takes a while; a workload on its way out does not count as running.
    if (w.metadata.deletionTimestamp || ns?.status?.phase === 'Terminating') return { ok: false, detail: `${id} is being deleted: the application must keep running` };
    const st = w.status ?? {};
    const want = s.kind === 'DaemonSet' ? (st.desiredNumberScheduled ?? 0) : (w.spec?.replicas ?? 1);
    const readyNow = s.kind === 'DaemonSet' ? (st.numberReady ?? 0) : (st.readyReplicas ?? 0);
    const current = (st.observedGeneration ?? 0) >= (w.metadata.generation ?? 0);
    const updated = s.kind === 'Deployment' ? (st.updatedReplicas ?? 0) >= want : true;
    if (want < s.minReady) return { ok: false, detail: `${id} wants ${want} replica(s); it needs at least ${s.minReady} to serve` };
    if (readyNow >= want && current && updated) return { ok: true, detail: `${id} has ${readyNow} ready replica(s)` };
    return { ok: false, detail: `${id} has ${readyNow} of ${want} replica(s) ready${current && updated ? '' : ' (a rollout is in progress)'}` };
  },
};
