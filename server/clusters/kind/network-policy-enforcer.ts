import { compileNftRuleset, RulesetTooLarge } from '../../checks/netpol/nft-ruleset.ts';
import type { Namespace, NetworkPolicy, Pod } from '../../checks/netpol/types.ts';
import { keepWatching, type KubeClient } from '../../kube/kube-client.ts';

const WATCHED = [
  { apiVersion: 'v1', kind: 'Pod' },
  { apiVersion: 'v1', kind: 'Namespace' },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
] as const;

/** Quiet time after a change before the ruleset is compiled (a rollout changes many pods). */
const SETTLE_MS = 50;
/** Least time between two passes: a learner who creates and deletes pods in a loop makes
 * at most two `podman exec` a second. */
const MIN_GAP_MS = 500;

/**
 * The kind provider's NetworkPolicy engine. The node's bridge CNI connects pods and
 * enforces nothing; this watches a cluster's pods, namespaces and NetworkPolicies and, on
 * each change, loads the compiled ruleset (checks/netpol/nft-ruleset.ts) into the node's
 * own network namespace with `apply`. It runs in the platform, not in the cluster: a
 * learner cannot delete it with kubectl (a privileged pod can still reach the node: kind
 * is for trusted learners, SECURITY.md). Disposable.
 */
export class NetworkPolicyEnforcer {
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> = Promise.resolve();
  private loaded: string | undefined;
  private lastPassAt = 0;
  /** Why the last pass loaded nothing, until a pass succeeds. */
  lastError: string | undefined;

  constructor(private readonly o: { kube: KubeClient; apply: (ruleset: string) => Promise<void> }) {
    for (const w of WATCHED) void keepWatching(o.kube, w.apiVersion, w.kind, () => this.schedule(), this.abort.signal);
  }

  private schedule(): void {
    // a pass already waiting lists everything when it runs: changes never push it back
    if (this.abort.signal.aborted || this.timer !== undefined) return;
    const wait = Math.max(SETTLE_MS, this.lastPassAt + MIN_GAP_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pass = this.pass.then(() => this.sync());
    }, wait);
  }

  /** Resolves once the changes made before the call (and seen within a quarter second)
   * are loaded, or have failed to load (`lastError`). */
  async settled(): Promise<void> {
    await new Promise((r) => setTimeout(r, 250));
    while (this.timer !== undefined) await new Promise((r) => setTimeout(r, 20));
    await this.pass;
  }

  private async sync(): Promise<void> {
    if (this.abort.signal.aborted) return;
    this.lastPassAt = Date.now();
    try {
      const [pods, namespaces, policies] = await Promise.all([
        this.o.kube.list<Pod>('v1', 'Pod'),
        this.o.kube.list<Namespace>('v1', 'Namespace'),
        this.o.kube.list<NetworkPolicy>('networking.k8s.io/v1', 'NetworkPolicy'),
      ]);
      const ruleset = compileNftRuleset({ pods, namespaces, policies });
      if (ruleset !== this.loaded && !this.abort.signal.aborted) {
        await this.o.apply(ruleset);
        this.loaded = ruleset;
      }
      this.lastError = undefined;
    } catch (err) {
      this.lastError = err instanceof RulesetTooLarge ? `${err.message}: the previous rules stay in force` : `the packet filter was not updated: ${(err as Error).message}`;
    }
  }

  dispose(): void {
    this.abort.abort();
    clearTimeout(this.timer);
  }
}
