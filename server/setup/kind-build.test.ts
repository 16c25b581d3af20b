import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KIND_DIR, kindCacheDir, kindEnv, kindVersions, parseVersionsEnv, readKindBuild } from './kind-build.ts';

const tmp: string[] = [];
afterEach(() => {
  for (const d of tmp.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('parseVersionsEnv', () => {
  it('reads KEY=value lines and skips comments and blanks', () => {
    expect(parseVersionsEnv('# pins\n\nA=v1\nB="x y"\n  C=3  \n')).toEqual({ A: 'v1', B: 'x y', C: '3' });
  });
  it('refuses lines it cannot read', () => {
    expect(() => parseVersionsEnv('export A=1')).toThrow(/cannot read line/);
  });
});

describe('kind pins', () => {
  it('pins a Kubernetes that still runs on cgroup v1 and the kind that goes with it', () => {
    const v = kindVersions();
    expect(v.K8S_VERSION).toMatch(/^v1\.(2\d|3[0-4])\.\d+$/);
    expect(v.KIND_VERSION).toBe('v0.33.0');
  });
  it('names the same directory as build.sh --print-dir', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'batten-kind-'));
    tmp.push(root);
    const printed = execFileSync('bash', [path.join(KIND_DIR, 'build.sh'), '--print-dir'], { env: { ...process.env, BATTEN_CACHE: root } })
      .toString()
      .trim();
    expect(kindCacheDir(root)).toBe(printed);
    expect(printed).toMatch(/\/kind\/v1\.\d+\.\d+-[0-9a-f]{12}$/);
  });
});

describe('readKindBuild', () => {
  it('reads the node image name and lays out the paths', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-kind-'));
    tmp.push(dir);
    writeFileSync(path.join(dir, 'node-image'), 'localhost/batten/kind-node:v1.34.4-abc\n');
    expect(readKindBuild(dir)).toEqual({
      dir,
      kind: path.join(dir, 'kind'),
      containersConf: path.join(dir, 'containers.conf'),
      nodeImage: 'localhost/batten/kind-node:v1.34.4-abc',
      clusterConfig: path.join(dir, 'cluster.yaml'),
    });
  });
  it('refuses an empty node-image file', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-kind-'));
    tmp.push(dir);
    writeFileSync(path.join(dir, 'node-image'), '\n');
    expect(() => readKindBuild(dir)).toThrow(/empty/);
  });
});

describe('kindEnv', () => {
  it('selects the podman provider and Batten\'s containers.conf', () => {
    expect(kindEnv({ containersConf: '/c/containers.conf' })).toEqual({ KIND_EXPERIMENTAL_PROVIDER: 'podman', CONTAINERS_CONF: '/c/containers.conf' });
  });
});
