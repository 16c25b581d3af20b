/**
 * The peers benchmark's pure parts: kwokctl's command line and configuration, the parsing
 * of envtest-bench's output, the order of the checker blocks, and the metrics with their
 * ratios. No I/O: peers.bench.ts and test/bench/peers/*.ts run the processes.
 */
import { percentile, round } from './stats.ts';

/** The control-plane binaries kwokctl is pointed at, so that it downloads nothing. */
export interface KwokctlBinaries {
  etcd: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kwok: string;
  kubectl: string;
}

/** kwokctl's configuration file: every port on the loopback only, and our kubectl. The
 * strings are JSON-quoted, which YAML reads as they are. */
export function kwokctlConfig(kubectl: string): string {
  return [
    'apiVersion: config.kwok.x-k8s.io/v1alpha1',
    'kind: KwokctlConfiguration',
    'options:',
    `  bindAddress: ${JSON.stringify('127.0.0.1')}`,
    `  kubectlBinary: ${JSON.stringify(kubectl)}`,
    '',
  ].join('\n');
}

/** `kwokctl … create cluster` with a file path for every binary of the binary runtime;
 * the kubeconfig it writes is `kubeconfig` (never ~/.kube/config). */
export function kwokctlCreateArgs(o: { config: string; name: string; kubeconfig: string; bin: KwokctlBinaries }): string[] {
  return [
    ...kwokctlCommon(o),
    'create', 'cluster',
    '--runtime', 'binary',
    '--kubeconfig', o.kubeconfig,
    '--etcd-binary', o.bin.etcd,
    '--kube-apiserver-binary', o.bin.kubeApiserver,
    '--kube-controller-manager-binary', o.bin.kubeControllerManager,
    '--kube-scheduler-binary', o.bin.kubeScheduler,
    '--kwok-controller-binary', o.bin.kwok,
  ];
}

export function kwokctlDeleteArgs(o: { config: string; name: string; kubeconfig: string }): string[] {
  return [...kwokctlCommon(o), 'delete', 'cluster', '--kubeconfig', o.kubeconfig];
}

const kwokctlCommon = (o: { config: string; name: string }) => ['-c', o.config, '--name', o.name];

/** The samples of envtest-bench's stdout: one `{"readyMs": n}` line each. Throws naming the
 * line and what is wrong with it. */
export function parseEnvtestSamples(stdout: string): number[] {
  const lines = stdout.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
  return lines.map((line, i) => {
    const where = `envtest-bench stdout line ${i + 1} (${JSON.stringify(line.slice(0, 80))})`;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      throw new Error(`${where} is not JSON: expected {"readyMs": <milliseconds>}; rebuild it with test/bench/peers/build.sh`);
    }
    const ms = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).readyMs : undefined;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new Error(`${where} has no readyMs of zero or more milliseconds`);
    return ms;
  });
}

export type VerdictDesign = 'event' | 'polling';

/** Blocks of `blockSize` fixes, alternating the designs (event first), until each design
 * has `fixesPerDesign` fixes: both see the same clusters and the same drifts of load. */
export function checkerBlocks(fixesPerDesign: number, blockSize: number): { design: VerdictDesign; fixes: number }[] {
  if (!(blockSize >= 1)) throw new Error(`checker block size is ${blockSize}: it must be 1 or more`);
  const blocks: { design: VerdictDesign; fixes: number }[] = [];
  for (let done = 0; done < fixesPerDesign; done += blockSize) {
    const fixes = Math.min(blockSize, fixesPerDesign - done);
    blocks.push({ design: 'event', fixes }, { design: 'polling', fixes });
  }
  return blocks;
}

export interface PeerSamples {
  kwokctlColdMs: number[];
  envtestColdMs: number[];
  battenColdMs: number[];
  /** Batten's start up to the API server's /readyz (its `apiServer` start phase). */
  battenApiReadyMs: number[];
  battenWarmAcquireMs: number[];
  pollingVerdictMs: number[];
  eventVerdictMs: number[];
}

/** Batten ÷ peer, to 2 decimals; NaN when the peer has no positive figure. */
export function ratio(batten: number, peer: number, digits = 2): number {
  return peer > 0 && Number.isFinite(batten) ? round(batten / peer, digits) : NaN;
}

export function peerMetrics(s: PeerSamples): Record<string, number> {
  const p50 = (xs: number[]) => percentile(xs, 50);
  const p95 = (xs: number[]) => percentile(xs, 95);
  return {
    'peer.kwokctlColdMs.p50': round(p50(s.kwokctlColdMs)),
    'peer.kwokctlColdMs.p95': round(p95(s.kwokctlColdMs)),
    'peer.envtestColdMs.p50': round(p50(s.envtestColdMs)),
    'peer.envtestColdMs.p95': round(p95(s.envtestColdMs)),
    'peer.battenColdMs.p50': round(p50(s.battenColdMs)),
    'peer.battenColdMs.p95': round(p95(s.battenColdMs)),
    'peer.battenApiReadyMs.p50': round(p50(s.battenApiReadyMs)),
    'peer.battenWarmAcquireMs.p50': round(p50(s.battenWarmAcquireMs), 3),
    'peer.battenWarmAcquireMs.p95': round(p95(s.battenWarmAcquireMs), 3),
    'peer.pollingVerdictMs.p50': round(p50(s.pollingVerdictMs)),
    'peer.pollingVerdictMs.p95': round(p95(s.pollingVerdictMs)),
    'peer.eventVerdictMs.p50': round(p50(s.eventVerdictMs)),
    'peer.eventVerdictMs.p95': round(p95(s.eventVerdictMs)),
    'peer.kwokctlColdRatio': ratio(p50(s.battenColdMs), p50(s.kwokctlColdMs)),
    'peer.envtestColdRatio': ratio(p50(s.battenColdMs), p50(s.envtestColdMs)),
    'peer.kwokctlWarmRatio': ratio(p50(s.battenWarmAcquireMs), p50(s.kwokctlColdMs), 4), // milliseconds against seconds
    'peer.pollingVerdictRatio': ratio(p50(s.eventVerdictMs), p50(s.pollingVerdictMs)),
    'peer.coldSamples': Math.min(s.kwokctlColdMs.length, s.envtestColdMs.length, s.battenColdMs.length),
    'peer.verdictSamples': Math.min(s.pollingVerdictMs.length, s.eventVerdictMs.length),
  };
}
