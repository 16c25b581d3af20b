import { ClusterPool, type PoolOptions, type PoolStats } from '../clusters/pool.ts';
import type { Cluster, ClusterProvider } from '../clusters/provider.ts';
import { randomBytes } from 'node:crypto';
import { applySetup } from './apply.ts';
import { clusterOptions } from './cluster-options.ts';
import { instantiate } from './instance.ts';
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
  /** The exercise as each prepared cluster was set up: with that cluster's own seed. */
  private readonly instances = new WeakMap<Cluster, LoadedExercise>();

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
        prepare: async (c) => {
          const own = instantiate(ex, randomBytes(6).toString('hex'));
          await applySetup(own, c);
          this.instances.set(c, own);
        },
      });
      this.pools.set(ex.name, p);
    }
    return p;
  }

  /** Keeps `size` prepared clusters ready for each exercise. */
  prewarm(exercises: readonly LoadedExercise[], size: number): void {
    for (const ex of exercises) this.pool(ex, size).resize(size);
  }

  /** A prepared cluster, and the exercise as it was set up on it (the learner's values). */
  async acquire(ex: LoadedExercise): Promise<{ cluster: Cluster; exercise: LoadedExercise }> {
    const cluster = await this.pool(ex, 0).acquire();
    const exercise = this.instances.get(cluster);
    if (exercise) return { cluster, exercise };
    await this.pool(ex, 0).release(cluster);
    throw new Error(`the cluster ${cluster.name} for ${ex.name} was handed out without its setup`);
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
