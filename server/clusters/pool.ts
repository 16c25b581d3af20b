import type { Cluster, ClusterOptions, ClusterProvider } from './provider.ts';

export interface PoolOptions {
  provider: ClusterProvider;
  /** Clusters kept started and waiting. */
  size: number;
  /** At most this many clusters start at once (each start is CPU-heavy). */
  maxConcurrentStarts: number;
  /** A leased cluster with no activity for this long is disposed. */
  idleMs: number;
  /** A leased cluster older than this is disposed, active or not. */
  maxLifetimeMs: number;
  options?: ClusterOptions;
  /** Runs on every new cluster before it is pooled (e.g. an exercise's setup). */
  prepare?: (cluster: Cluster) => Promise<void>;
  onError?: (err: unknown) => void;
  onStarted?: (cluster: Cluster, ms: number) => void;
  onReap?: (cluster: Cluster, why: 'idle' | 'lifetime') => void;
  now?: () => number;
  reapEveryMs?: number;
}

export interface PoolStats {
  warm: number;
  starting: number;
  leased: number;
}

interface Lease {
  cluster: Cluster;
  lastActivity: number;
}

/**
 * A warm pool: clusters are started ahead so that `acquire()` hands one out at once, and
 * refilled in the background with bounded concurrency. A reaper disposes leased clusters
 * that are idle or too old. `dispose()` stops everything the pool ever started.
 */
export class ClusterPool {
  private readonly warm: Cluster[] = [];
  private readonly leased = new Map<Cluster, Lease>();
  private starting = 0;
  private readonly waiters: ((c: Cluster) => void)[] = [];
  private readonly reaper: NodeJS.Timeout;
  private disposed = false;
  private readonly now: () => number;

  constructor(private readonly o: PoolOptions) {
    this.now = o.now ?? Date.now;
    this.reaper = setInterval(() => void this.reap(), o.reapEveryMs ?? 15_000);
    this.reaper.unref();
    this.refill();
  }

  /** Changes how many clusters are kept warm; extra warm clusters are disposed. */
  resize(size: number): void {
    this.o.size = size;
    const extra = this.warm.length - size;
    if (extra > 0) for (const c of this.warm.splice(size)) void c.dispose().catch((e) => this.o.onError?.(e));
    this.refill();
  }

  stats(): PoolStats {
    return { warm: this.warm.length, starting: this.starting, leased: this.leased.size };
  }

  /** A ready cluster: a pooled one at once, otherwise the next one that finishes starting. */
  acquire(): Promise<Cluster> {
    if (this.disposed) return Promise.reject(new Error('the cluster pool is shut down'));
    const c = this.warm.shift();
    if (c) {
      this.lease(c);
      this.refill();
      return Promise.resolve(c);
    }
    const p = new Promise<Cluster>((resolve) => this.waiters.push(resolve));
    this.refill();
    return p;
  }

  /** Records learner activity, postponing the idle limit. */
  touch(cluster: Cluster): void {
    const l = this.leased.get(cluster);
    if (l) l.lastActivity = this.now();
  }

  /** Gives a leased cluster back: it is disposed, never reused. */
  async release(cluster: Cluster): Promise<void> {
    this.leased.delete(cluster);
    await cluster.dispose();
  }

  private lease(cluster: Cluster): void {
    this.leased.set(cluster, { cluster, lastActivity: this.now() });
  }

  /** Starts clusters until warm + starting covers the pool size plus whoever is waiting. */
  private refill(): void {
    const want = this.o.size + this.waiters.length;
    while (!this.disposed && this.starting < this.o.maxConcurrentStarts && this.warm.length + this.starting < want) {
      this.starting++;
      void this.startOne();
    }
  }

  private async startOne(): Promise<void> {
    let cluster: Cluster | undefined;
    const t0 = this.now();
    try {
      cluster = await this.o.provider.create(this.o.options);
      if (this.o.prepare) await this.o.prepare(cluster);
      this.o.onStarted?.(cluster, this.now() - t0);
    } catch (err) {
      await cluster?.dispose().catch(() => undefined);
      cluster = undefined;
      this.o.onError?.(err);
    } finally {
      this.starting--;
    }
    if (cluster && this.disposed) {
      await cluster.dispose();
      return;
    }
    if (cluster) {
      const waiter = this.waiters.shift();
      if (waiter) {
        this.lease(cluster);
        waiter(cluster);
      } else if (this.warm.length < this.o.size) {
        this.warm.push(cluster);
      } else {
        await cluster.dispose(); // the pool shrank while it started
        return;
      }
      this.refill();
    } else if (!this.disposed) {
      // back off after a failure so a broken setup does not spin the CPU
      setTimeout(() => this.refill(), 5_000).unref();
    }
  }

  private async reap(): Promise<void> {
    const now = this.now();
    for (const l of [...this.leased.values()]) {
      const why = now - l.cluster.createdAt > this.o.maxLifetimeMs ? 'lifetime' : now - l.lastActivity > this.o.idleMs ? 'idle' : undefined;
      if (!why) continue;
      this.leased.delete(l.cluster);
      this.o.onReap?.(l.cluster, why);
      await l.cluster.dispose().catch((e) => this.o.onError?.(e));
    }
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    clearInterval(this.reaper);
    const all = [...this.warm.splice(0), ...[...this.leased.keys()]];
    this.leased.clear();
    await Promise.all(all.map((c) => c.dispose().catch((e) => this.o.onError?.(e))));
    // clusters still starting are disposed by startOne when they finish
    while (this.starting > 0) await new Promise((r) => setTimeout(r, 50));
  }
}
