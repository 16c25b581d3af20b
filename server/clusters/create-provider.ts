import path from 'node:path';
import type { Config } from '../config/config.ts';
import { binaryDirs, requireBinaries } from './embedded/binaries.ts';
import { requireBwrap } from './embedded/bwrap.ts';
import { EmbeddedProvider } from './embedded/provider.ts';
import { controlplaneCacheDir, KWOK_STAGES } from '../setup/controlplane-build.ts';
import type { ClusterProvider } from './provider.ts';

/** The provider CLUSTER_PROVIDER names, with its I/O wired in. Throws a ClusterError that
 * names the fix when something it needs is missing. */
export function createProvider(cfg: Config): ClusterProvider {
  const binaries = requireBinaries(binaryDirs(cfg, controlplaneCacheDir(cfg.BATTEN_CACHE)));
  return new EmbeddedProvider({
    binaries,
    clustersDir: path.join(cfg.BATTEN_DATA_DIR, 'clusters'),
    kwokStages: KWOK_STAGES,
    startTimeoutMs: cfg.CLUSTER_START_TIMEOUT_SECONDS * 1000,
    etcdQuotaBytes: cfg.ETCD_QUOTA_MB * 1024 * 1024,
    bwrap: requireBwrap(),
  });
}
