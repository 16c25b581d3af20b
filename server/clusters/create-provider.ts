import path from 'node:path';
import type { Config } from '../config/config.ts';
import { binaryDirs, requireBinaries } from './embedded/binaries.ts';
import { requireBwrap } from './embedded/bwrap.ts';
import { EmbeddedProvider, type EmbeddedProviderDeps } from './embedded/provider.ts';
import { controlplaneCacheDir, KWOK_STAGES } from '../setup/controlplane-build.ts';
import type { ClusterProvider } from './provider.ts';

/** The provider CLUSTER_PROVIDER names, with its I/O wired in. Throws a ClusterError that
 * names the fix when something it needs is missing. */
export function createProvider(cfg: Config): ClusterProvider {
  return new EmbeddedProvider(embeddedDeps(cfg));
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
