import { ClusterError } from '../clusters/errors.ts';
import type { Cluster } from '../clusters/provider.ts';
import { clusterClient, type KubeClient, type KubeObject } from '../kube/kube-client.ts';
import { orderManifests, type LoadedExercise, type Manifest } from './loader.ts';

/** The field manager of everything an exercise applies (setup, solution and cheat
 * manifests), so a later apply can remove fields an earlier one set. */
export const FIELD_MANAGER = 'batten-exercise';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Applies manifests of an exercise to a cluster as the checker. */
export function applyToCluster(cluster: Cluster, manifests: readonly Manifest[]): Promise<void> {
  return applyManifests(clusterClient(cluster, 'checker'), manifests, { fieldManager: FIELD_MANAGER });
}

/** Creates the exercise's weaknesses on a fresh cluster. */
export function applySetup(ex: LoadedExercise, cluster: Cluster): Promise<void> {
  return applyToCluster(cluster, ex.setup);
}
const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/** Applies manifests with server-side apply as the checker, namespaces and CRDs first,
 * then waits until the workloads they create are ready. */
export async function applyManifests(kube: KubeClient, manifests: readonly Manifest[], o: { fieldManager: string; readyTimeoutMs?: number }): Promise<void> {
  for (const m of orderManifests(manifests)) {
    let lastError = '';
    for (let attempt = 0; attempt < 20; attempt++) {
      try {
        const res = await kube.apply(m.object as KubeObject, o.fieldManager);
        if (res.status === 200 || res.status === 201) {
          lastError = '';
          break;
        }
        lastError = `HTTP ${res.status}: ${res.body.slice(0, 300)}`;
        if (res.status < 500 && res.status !== 404 && res.status !== 409) break; // invalid: retrying will not help
      } catch (e) {
        lastError = (e as Error).message; // e.g. a CRD not yet in discovery
      }
      await sleep(250);
    }
    if (lastError) throw new ClusterError(`applying ${m.file} (document ${m.index + 1}, ${m.object.kind} ${m.object.metadata.name}) failed: ${lastError}`, 'fix that manifest');
  }
  const deadline = Date.now() + (o.readyTimeoutMs ?? 60_000);
  for (const m of manifests.filter((x) => WORKLOADS.has(x.object.kind))) {
    const { kind, metadata } = m.object;
    const ns = metadata.namespace ?? 'default';
    for (;;) {
      const w = await kube.get<{ spec?: { replicas?: number }; status?: { readyReplicas?: number; numberReady?: number; desiredNumberScheduled?: number } }>(m.object.apiVersion, kind, ns, metadata.name);
      const want = kind === 'DaemonSet' ? (w?.status?.desiredNumberScheduled ?? 1) : (w?.spec?.replicas ?? 1);
      const have = kind === 'DaemonSet' ? (w?.status?.numberReady ?? 0) : (w?.status?.readyReplicas ?? 0);
      if (w && have >= want) break;
      if (Date.now() > deadline) throw new ClusterError(`${kind} ${ns}/${metadata.name} from ${m.file} did not become ready (${have}/${want})`, 'check its pod template; kwok marks pods Running once they are scheduled');
      await sleep(100);
    }
  }
}
