import { ClusterPool, type PoolOptions, type PoolStats } from '../clusters/pool.ts';
import type { Cluster, ClusterProvider } from '../clusters/provider.ts';
import { applySetup } from './apply.ts';
import { clusterOptions } from './cluster-options.ts';
import type { LoadedExercise } from './loader.ts';

export type ExercisePoolSettings = Omit<PoolOptions, 'provider' | 'size' | 'options' | 'prepare'>;

/**
 * One warm pool per exercise, holding clusters with the exercise's options and setup
 * already applied, so that starting an exercise hands out a ready cluster at once. Pools
 * are created on first use with size 0 (a cold start) and grown by `prewarm` (an event
 * pre-warms the exercises it uses).
 */
export class ExercisePools {
  private readonly pools = new Map<string, ClusterPool>();

  constructor(
    private readonly provider: ClusterProvider,
    private readonly settings: ExercisePoolSettings,
  ) {}

  private pool(ex: LoadedExercise, size: number): ClusterPool {
    let p = this.pools.get(ex.name);
    if (!p) {
      p = new ClusterPool({
        ...this.settings,
        provider: this.provider,
        size,
        options: clusterOptions(ex.exercise),
        prepare: (c) => applySetup(ex, c),
      });
      this.pools.set(ex.name, p);
    }
    return p;
  }

  /** Keeps `size` prepared clusters ready for each exercise. */
  prewarm(exercises: readonly LoadedExercise[], size: number): void {
    for (const ex of exercises) this.pool(ex, size).resize(size);
  }

  acquire(ex: LoadedExercise): Promise<Cluster> {
    return this.pool(ex, 0).acquire();
  }

  release(ex: LoadedExercise, cluster: Cluster): Promise<void> {
    return this.pool(ex, 0).release(cluster);
  }

  touch(ex: LoadedExercise, cluster: Cluster): void {
    this.pools.get(ex.name)?.touch(cluster);
  }

  stats(): Record<string, PoolStats> {
    return Object.fromEntries([...this.pools].map(([name, p]) => [name, p.stats()]));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.pools.values()].map((p) => p.dispose()));
  }
}
