/**
 * Batten beside its peers, in the same run and on the same binaries (issue 11 item 3):
 * cold start to a ready API of kwokctl (binary runtime) and of controller-runtime's envtest,
 * against Batten's cold start and warm acquire, interleaved round by round so that drifts
 * of load hit all alike; then fix → verdict of a 1 s polling checker against Batten's
 * event-driven engine, in alternating blocks on the same clusters and fixes.
 */
import path from 'node:path';
import type { EmbeddedCluster } from '../../server/clusters/embedded/embedded-cluster.ts';
import { binaryDirs, requireBinaries } from '../../server/clusters/embedded/binaries.ts';
import { REPO_ROOT, controlplaneCacheDir, runBuildScript } from '../../server/setup/controlplane-build.ts';
import { testConfig, testProvider } from '../support/clusters.ts';
import { warmAcquireSamples, type BenchResult } from './cluster.bench.ts';
import { peerMetrics, type PeerSamples } from './peers-logic.ts';
import { envtestColdMs, kwokctlColdMs } from './peers/peer-runs.ts';
import { POLL_MS, verdictDesignSamples } from './peers/verdict-designs.ts';

export async function peersBench(samples: number): Promise<BenchResult> {
  const cfg = testConfig();
  const bins = requireBinaries(binaryDirs(cfg, controlplaneCacheDir(cfg.BATTEN_CACHE)));
  const assets = path.dirname(bins['kube-apiserver']);
  for (const b of ['etcd', 'kubectl'] as const) {
    if (path.dirname(bins[b]) !== assets) throw new Error(`envtest needs etcd, kube-apiserver and kubectl in one directory, but ${b} is ${bins[b]} and kube-apiserver is in ${assets}: set BATTEN_K8S_BIN to one directory holding all three`);
  }
  process.stderr.write('bench: peers: building kwokctl and envtest-bench if missing ...\n');
  const peersDir = await runBuildScript(path.join(REPO_ROOT, 'test', 'bench', 'peers', 'build.sh'), cfg.BATTEN_CACHE);
  const kwokBins = {
    etcd: bins.etcd,
    kubeApiserver: bins['kube-apiserver'],
    kubeControllerManager: bins['kube-controller-manager'],
    kubeScheduler: bins['kube-scheduler'],
    kwok: bins.kwok,
    kubectl: bins.kubectl,
  };

  const provider = testProvider(cfg);
  const s: PeerSamples = { kwokctlColdMs: [], envtestColdMs: [], battenColdMs: [], battenApiReadyMs: [], battenWarmAcquireMs: [], pollingVerdictMs: [], eventVerdictMs: [] };
  for (let round = 0; round < samples; round++) {
    process.stderr.write(`bench: peers: cold-start round ${round + 1} of ${samples}\n`);
    s.kwokctlColdMs.push(await kwokctlColdMs(path.join(peersDir, 'kwokctl'), kwokBins, round));
    s.envtestColdMs.push(await envtestColdMs(path.join(peersDir, 'envtest-bench'), assets));
    const t0 = performance.now();
    const c = (await provider.create()) as EmbeddedCluster;
    s.battenColdMs.push(performance.now() - t0);
    s.battenApiReadyMs.push(c.startPhases.apiServer ?? NaN);
    await c.dispose();
    s.battenWarmAcquireMs.push(...(await warmAcquireSamples(provider, 1, 120_000)));
  }

  const fixes = Math.max(10, samples * 4);
  process.stderr.write(`bench: peers: fix → verdict, ${fixes} fixes per checker design\n`);
  const verdicts = await verdictDesignSamples(provider, fixes, 5);
  s.eventVerdictMs = verdicts.event;
  s.pollingVerdictMs = verdicts.polling;

  return {
    metrics: peerMetrics(s),
    notes: [
      `Cold starts interleaved per round (kwokctl, envtest, Batten cold, Batten warm acquire), ${samples} rounds, binaries from ${assets}.`,
      'kwokctl: from `kwokctl create cluster --runtime binary` starting until `kubectl get --raw /readyz` answers ok (polled every 50 ms); it copies the binaries into its workdir and starts etcd, kube-apiserver, kube-controller-manager, kube-scheduler and kwok.',
      'envtest: Environment.Start() to its return (etcd + kube-apiserver only, no controllers), as sigs.k8s.io/controller-runtime v0.22.5 measures ready.',
      'Batten cold: provider.create() to return, which is more than a ready API: nodes Ready and the default service account exist (peer.battenApiReadyMs.p50 is its start up to /readyz).',
      `Checkers: ${fixes} fixes each on 2 clusters of default-sa-cluster-admin, blocks of 5 alternating, each block starting on broken clusters after a 3 s settle; polling evaluates every ${POLL_MS} ms with a CheckEngine that is never started (no watches).`,
    ],
  };
}
