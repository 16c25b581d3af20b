import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.ts';
import { binaryDirs, requireBinaries } from './embedded/binaries.ts';
import { requireBwrap } from './embedded/bwrap.ts';
import { EmbeddedProvider, type EmbeddedProviderDeps } from './embedded/provider.ts';
import { KindProvider, type KindProviderDeps } from './kind/provider.ts';
import { controlplaneCacheDir, KWOK_STAGES } from '../setup/controlplane-build.ts';
import { kindCacheDir, readKindBuild } from '../setup/kind-build.ts';
import { ClusterError } from './errors.ts';
import type { ClusterProvider } from './provider.ts';

/** The provider CLUSTER_PROVIDER names, with its I/O wired in. Throws a ClusterError that
 * names the fix when something it needs is missing. */
export function createProvider(cfg: Config, name: Config['CLUSTER_PROVIDER'] = cfg.CLUSTER_PROVIDER): ClusterProvider {
  return name === 'kind' ? new KindProvider(kindDeps(cfg)) : new EmbeddedProvider(embeddedDeps(cfg));
}

/** The embedded provider's dependencies, from the configuration. */
export function embeddedDeps(cfg: Config): EmbeddedProviderDeps {
  return {
    binaries: requireBinaries(binaryDirs(cfg, controlplaneCacheDir(cfg.BATTEN_CACHE))),
    clustersDir: path.join(cfg.BATTEN_DATA_DIR, 'clusters'),
    kwokStages: KWOK_STAGES,
    startTimeoutMs: cfg.CLUSTER_START_TIMEOUT_SECONDS * 1000,
    etcdQuotaBytes: cfg.ETCD_QUOTA_MB * 1024 * 1024,
    limits: {
      controlPlane: { memoryBytes: cfg.CLUSTER_MEMORY_MB * 2 ** 20, cpus: cfg.CLUSTER_CPUS },
      nodeFilesBytes: cfg.NODE_FILES_MB * 2 ** 20,
      logsBytes: 64 * 2 ** 20,
    },
    bwrap: requireBwrap(),
  };
}

/** Whether `bin/batten setup --kind` has built what the kind provider needs. */
export function kindBuilt(cfg: Config): boolean {
  return existsSync(path.join(kindCacheDir(cfg.BATTEN_CACHE), 'node-image'));
}

/** The kind provider's dependencies, from the configuration. */
export function kindDeps(cfg: Config): KindProviderDeps {
  if (!kindBuilt(cfg)) throw new ClusterError(`the kind provider is not built (nothing in ${kindCacheDir(cfg.BATTEN_CACHE)})`, 'run bin/batten setup --kind (about 20 minutes the first time), or use CLUSTER_PROVIDER=embedded');
  requireBwrap();
  const binaries = requireBinaries(binaryDirs(cfg, controlplaneCacheDir(cfg.BATTEN_CACHE)));
  return {
    build: readKindBuild(kindCacheDir(cfg.BATTEN_CACHE)),
    kubectl: binaries.kubectl,
    shellForward: binaries['batten-forward'],
    clustersDir: path.join(cfg.BATTEN_DATA_DIR, 'kind-clusters'),
    // kind's own creation takes 25-45 s here: its timeout is the cluster's start timeout or 4 minutes, whichever is longer
    startTimeoutMs: Math.max(cfg.CLUSTER_START_TIMEOUT_SECONDS, 240) * 1000,
    limits: { node: { memoryBytes: cfg.KIND_NODE_MEMORY_MB * 2 ** 20, cpus: cfg.CLUSTER_CPUS }, nodeFilesBytes: cfg.NODE_FILES_MB * 2 ** 20 },
  };
}
