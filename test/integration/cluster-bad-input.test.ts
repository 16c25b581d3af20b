import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, test } from 'vitest';
import { ClusterError } from '../../server/clusters/errors.ts';
import { requireBinaries } from '../../server/clusters/embedded/binaries.ts';
import { EmbeddedProvider } from '../../server/clusters/embedded/provider.ts';
import { embeddedDeps } from '../../server/clusters/create-provider.ts';
import { spawnServer } from '../support/server.ts';
import { tempDir, testConfig, testProvider } from '../support/clusters.ts';

const isClusterError = (pattern: RegExp, fix?: RegExp) => (e: unknown) => {
  assert.ok(e instanceof ClusterError, `expected a ClusterError, got ${String(e)}`);
  assert.match(e.message, pattern);
  if (fix) assert.match(e.fix, fix);
  return true;
};

/** Nothing of a failed start may remain: no cluster directory, no process of ours. */
function assertNothingLeft(clustersDir: string): void {
  const left = existsSync(clustersDir) ? readdirSync(clustersDir) : [];
  assert.deepEqual(left, [], `left behind in ${clustersDir}`);
}

describe('bad input gives one clear error and leaves nothing behind', () => {
  test('an API-server flag that is not allowed names the flag', async () => {
    const cfg = testConfig();
    await assert.rejects(testProvider(cfg).create({ apiServerFlags: { 'cert-dir': '/root' } }), isClusterError(/--cert-dir is not available/, /cluster\.apiServer/));
    assertNothingLeft(path.join(cfg.BATTEN_DATA_DIR, 'clusters'));
  });

  test('a flag value the API server rejects fails fast with its log', async () => {
    const cfg = testConfig();
    // "exited", not "timed out": it fails as soon as the API server dies
    await assert.rejects(testProvider(cfg).create({ apiServerFlags: { 'authorization-mode': 'Sometimes' } }), isClusterError(/kube-apiserver exited: .*Sometimes/));
    assertNothingLeft(path.join(cfg.BATTEN_DATA_DIR, 'clusters'));
  });

  test('a broken encryption config names the problem', async () => {
    const cfg = testConfig();
    await assert.rejects(
      testProvider(cfg).create({
        apiServerFlags: { 'encryption-provider-config': '/etc/kubernetes/enc/enc.yaml' },
        files: { 'enc/enc.yaml': 'apiVersion: apiserver.config.k8s.io/v1\nkind: EncryptionConfiguration\nresources:\n  - resources: [secrets]\n    providers:\n      - aescbc:\n          keys:\n            - name: key1\n              secret: not-base64!\n' },
      }),
      isClusterError(/kube-apiserver exited: error while parsing file: .*aescbc\.keys\[0\]\.secret.*must be base64 encoded/),
    );
    assertNothingLeft(path.join(cfg.BATTEN_DATA_DIR, 'clusters'));
  });

  test('a file path outside /etc/kubernetes is refused', async () => {
    await assert.rejects(testProvider().create({ files: { '../../escape': 'x' } }), isClusterError(/invalid cluster file path/));
  });

  test('missing binaries name each one and the fix', () => {
    const empty = tempDir('batten-nobin-');
    assert.throws(() => requireBinaries([empty]), isClusterError(/binaries not found: etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kwok, kubectl, batten-forward/, /npm run setup.*BATTEN_K8S_BIN/));
  });

  test('a cluster that does not become ready in time is removed', async () => {
    const cfg = testConfig();
    const clustersDir = path.join(cfg.BATTEN_DATA_DIR, 'clusters');
    const provider = new EmbeddedProvider({ ...embeddedDeps(cfg), startTimeoutMs: 300 });
    await assert.rejects(provider.create(), isClusterError(/timed out waiting for/, /CLUSTER_START_TIMEOUT_SECONDS/));
    assertNothingLeft(clustersDir);
  });

  test('the web port already in use gives one line naming PORT', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const server = spawnServer({ PORT: String(port), POOL_SIZE: '0', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
      assert.equal(await server.exited, 1);
      assert.match(server.out.stderr, new RegExp(`PORT ${port} on 127.0.0.1 is already in use`));
    } finally {
      blocker.close();
    }
  });

  test('an invalid environment variable is named with its purpose', async () => {
    const server = spawnServer({ POOL_SIZE: 'many' });
    assert.equal(await server.exited, 1);
    assert.match(server.out.stderr, /POOL_SIZE="many".*clusters kept ready ahead/);
  });
});
