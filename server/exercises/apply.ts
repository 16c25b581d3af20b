import { ClusterError } from '../clusters/errors.ts';
import type { Cluster } from '../clusters/provider.ts';
import path from 'node:path';
import { readiness, READY_KINDS, type ReadyKind, type ReadyObject } from '../checks/probes/ready.ts';
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

/** Creates the exercise's weaknesses on a fresh cluster: the setup manifests (waiting for
 * what they run to be ready), then each setup script in name order, as the cluster's admin
 * with the exercise's parameters as `$name`. */
export async function applySetup(ex: LoadedExercise, cluster: Cluster): Promise<void> {
  await applyToCluster(cluster, ex.setup);
  for (const script of ex.setupScripts) {
    const r = await cluster.runScript(script, { env: ex.scriptEnv });
    if (r.code !== 0) throw new ClusterError(`setup script ${path.relative(path.dirname(ex.dir), script)} exited with ${r.code}: ${outputTail(r.output)}`, 'fix the script (it runs with bash -euo pipefail, as the cluster admin, with the parameters as $name)');
  }
}

/** The last lines of a script's output, on one line. */
export function outputTail(output: string, lines = 5): string {
  return output.trim().split('\n').slice(-lines).join(' | ') || '(no output)';
}

/** What the setup waits for: workloads, Pods and Jobs (not a ReplicaSet a Deployment owns). */
const AWAITED = new Set<string>(['Deployment', 'StatefulSet', 'DaemonSet', 'Pod', 'Job']);

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
  for (const m of manifests.filter((x) => AWAITED.has(x.object.kind) && x.object.apiVersion === READY_KINDS[x.object.kind as ReadyKind])) {
    const kind = m.object.kind as ReadyKind;
    const { metadata } = m.object;
    const ns = metadata.namespace ?? 'default';
    const id = `${kind} ${ns}/${metadata.name}`;
    for (;;) {
      const w = await kube.get<ReadyObject>(m.object.apiVersion, kind, ns, metadata.name);
      // a workload scaled to 0 on purpose is as ready as it will be
      const r = w ? readiness(kind, w, id, 0) : { ok: false, detail: `${id} does not exist` };
      if (r.ok) break;
      if (Date.now() > deadline) throw new ClusterError(`${id} from ${m.file} did not become ready: ${r.detail}`, 'check its pod template; kwok marks pods Running once they are scheduled, and Jobs complete');
      await sleep(100);
    }
  }
}
