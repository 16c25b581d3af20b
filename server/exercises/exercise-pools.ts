import { randomBytes } from 'node:crypto';
import { ClusterPool, type PoolOptions, type PoolStats } from '../clusters/pool.ts';
import type { Cluster, ClusterProvider } from '../clusters/provider.ts';
import { applySetup } from './apply.ts';
import { clusterOptions } from './cluster-options.ts';
import { instantiate } from './instance.ts';
import type { LoadedExercise } from './loader.ts';

export type ExercisePoolSettings = Omit<PoolOptions, 'provider' | 'size' | 'options' | 'prepare'>;

/** The key of the generic pool in `stats()`. */
export const GENERIC = '(generic)';

/**
 * Clusters for exercises, ready ahead. A generic pool keeps plain clusters (no exercise
 * options) from which any exercise without options of its own is served, its setup applied
 * on demand; so a library of many exercises does not boot a cluster per exercise. Per
 * exercise, pools of clusters with the options and setup already applied are grown by
 * `prepareOnly` (the exercises of events running or about to start), and an exercise with options (API
 * server flags, files, nodes) always comes from its own pool (a cold start when empty).
 * Each cluster is set up with parameters drawn from a seed of its own, so whoever takes it
 * gets names and passwords no other learner has.
 */
export class ExercisePools {
  private readonly pools = new Map<string, ClusterPool>();
  private readonly generic: ClusterPool;
  /** The exercise as each cluster was set up: with that cluster's own seed. */
  private readonly instances = new WeakMap<Cluster, LoadedExercise>();
  /** The pool each handed-out cluster came from. */
  private readonly owner = new WeakMap<Cluster, ClusterPool>();

  constructor(
    private readonly provider: ClusterProvider,
    private readonly settings: ExercisePoolSettings,
    genericSize = 0,
  ) {
    this.generic = new ClusterPool({ ...settings, provider, size: genericSize, options: { label: 'generic' } });
  }

  private pool(ex: LoadedExercise, size: number): ClusterPool {
    let p = this.pools.get(ex.name);
    if (!p) {
      p = new ClusterPool({
        ...this.settings,
        provider: this.provider,
        size,
        options: clusterOptions(ex.exercise),
        prepare: async (c) => {
          this.instances.set(c, await this.setUp(ex, c));
        },
      });
      this.pools.set(ex.name, p);
    }
    return p;
  }

  private async setUp(ex: LoadedExercise, c: Cluster): Promise<LoadedExercise> {
    const own = instantiate(ex, randomBytes(6).toString('hex'));
    await applySetup(own, c);
    return own;
  }

  /** Keeps `size` prepared clusters ready for each of these exercises, and none for any
   * other (their warm clusters are disposed; clusters in use stay with their learners). */
  prepareOnly(exercises: readonly LoadedExercise[], size: number): void {
    const names = new Set(exercises.map((e) => e.name));
    for (const [name, p] of this.pools) if (!names.has(name)) p.resize(0);
    for (const ex of exercises) this.pool(ex, size).resize(size);
  }

  /** Keeps `size` plain clusters ready for any exercise without options of its own. */
  prewarmGeneric(size: number): void {
    this.generic.resize(size);
  }

  /** A cluster with the exercise set up, and the exercise as it was set up on it (the
   * learner's values): a prepared one if there is one, else a generic one set up now. */
  async acquire(ex: LoadedExercise): Promise<{ cluster: Cluster; exercise: LoadedExercise }> {
    const own = this.pool(ex, 0);
    const o = clusterOptions(ex.exercise);
    const plain = !o.apiServerFlags && !o.files && (o.nodes ?? 1) === 1;
    if (plain && own.stats().warm === 0) {
      const cluster = await this.generic.acquire();
      this.owner.set(cluster, this.generic);
      try {
        const exercise = await this.setUp(ex, cluster);
        return { cluster, exercise };
      } catch (e) {
        await this.generic.release(cluster);
        throw e;
      }
    }
    const cluster = await own.acquire();
    this.owner.set(cluster, own);
    const exercise = this.instances.get(cluster);
    if (exercise) return { cluster, exercise };
    await own.release(cluster);
    throw new Error(`the cluster ${cluster.name} for ${ex.name} was handed out without its setup`);
  }

  release(ex: LoadedExercise, cluster: Cluster): Promise<void> {
    return (this.owner.get(cluster) ?? this.pool(ex, 0)).release(cluster);
  }

  touch(ex: LoadedExercise, cluster: Cluster): void {
    (this.owner.get(cluster) ?? this.pools.get(ex.name))?.touch(cluster);
  }

  stats(): Record<string, PoolStats> {
    return { [GENERIC]: this.generic.stats(), ...Object.fromEntries([...this.pools].map(([name, p]) => [name, p.stats()])) };
  }

  async dispose(): Promise<void> {
    await Promise.all([this.generic, ...this.pools.values()].map((p) => p.dispose()));
  }
}
