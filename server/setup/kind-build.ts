import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, runBuildScript } from './controlplane-build.ts';

/** sandbox/kind: build.sh, the version pins (versions.env) and the node image's files. */
export const KIND_DIR = path.join(REPO_ROOT, 'sandbox', 'kind');

/** What `sandbox/kind/build.sh` leaves in its output directory. */
export interface KindBuild {
  /** The output directory (…/kind/<k8s version>-<pins hash>). */
  dir: string;
  /** The kind binary. */
  kind: string;
  /** podman settings for kind's nodes: run kind with CONTAINERS_CONF=<this> KIND_EXPERIMENTAL_PROVIDER=podman. */
  containersConf: string;
  /** The node image to pass to `kind create cluster --image`. */
  nodeImage: string;
  /** A one-node cluster config that works on this host (cgroup v1, no default CNI). */
  clusterConfig: string;
}

/** The environment kind needs to run its nodes with Batten's podman settings. */
export function kindEnv(build: Pick<KindBuild, 'containersConf'>): Record<string, string> {
  return { KIND_EXPERIMENTAL_PROVIDER: 'podman', CONTAINERS_CONF: build.containersConf };
}

/** Parses a versions.env file (KEY=value lines, # comments) into a record. */
export function parseVersionsEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw new Error(`versions.env: cannot read line ${JSON.stringify(raw)}`);
    const [, key = '', value = ''] = m;
    out[key] = value.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

/** The pinned versions (K8S_VERSION, KIND_VERSION, COREDNS_VERSION, DEBIAN_SUITE). */
export function kindVersions(kindDir = KIND_DIR): Record<string, string> {
  return parseVersionsEnv(readFileSync(path.join(kindDir, 'versions.env'), 'utf8'));
}

/** The files whose contents name a build, in the order build.sh hashes them. */
export const KIND_PIN_FILES = [
  'versions.env',
  'kubernetes/go.mod',
  'kubernetes/go.sum',
  'pause/pause.c',
  'build.sh',
  'node/10-batten-bridge.conflist',
  'node/batten-entrypoint',
  'node/cluster.yaml',
  'node/prepare.sh',
  'podman/netavark',
  'workloads/webapp/main.go',
  'workloads/webapp/go.mod',
];

/** The hash build.sh puts in directory and node image names: sha256 of the pin files, concatenated. */
export function kindPinsHash(kindDir = KIND_DIR): string {
  const h = createHash('sha256');
  for (const f of KIND_PIN_FILES) h.update(readFileSync(path.join(kindDir, f)));
  return h.digest('hex').slice(0, 12);
}

/** The output directory build.sh fills for these pins (same as `build.sh --print-dir`). */
export function kindCacheDir(cacheRoot: string, kindDir = KIND_DIR): string {
  return path.join(cacheRoot, 'kind', `${kindVersions(kindDir).K8S_VERSION}-${kindPinsHash(kindDir)}`);
}

/** The paths in a finished build directory (reads the node image's name from it). */
export function readKindBuild(dir: string): KindBuild {
  const nodeImage = readFileSync(path.join(dir, 'node-image'), 'utf8').trim();
  if (!nodeImage) throw new Error(`${dir}/node-image is empty: run sandbox/kind/build.sh again`);
  return {
    dir,
    kind: path.join(dir, 'kind'),
    containersConf: path.join(dir, 'containers.conf'),
    nodeImage,
    clusterConfig: path.join(dir, 'cluster.yaml'),
  };
}

/** Runs sandbox/kind/build.sh (progress on stderr; root, Go, apt-get and the Go module
 * proxy needed on the first run only) and resolves with what it built. */
export async function buildKind(cacheRoot: string): Promise<KindBuild> {
  return readKindBuild(await runBuildScript(path.join(KIND_DIR, 'build.sh'), cacheRoot));
}
