import assert from 'node:assert/strict';
import { mountsUnder } from '../../server/host/tmpfs.ts';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'vitest';
import { ClusterPool } from '../../server/clusters/pool.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import { isAlive } from '../../server/host/process.ts';
import type { EmbeddedCluster } from '../../server/clusters/embedded/embedded-cluster.ts';
import { REPO_ROOT } from '../../server/setup/controlplane-build.ts';
import { eventually, kubectl, testConfig, testProvider } from '../support/clusters.ts';

describe('the warm pool', () => {
  test('acquire hands out a pooled, working cluster at once and refills in the background', async () => {
    const cfg = testConfig();
    const pool = new ClusterPool({ provider: testProvider(cfg), size: 1, maxConcurrentStarts: 1, idleMs: 60_000, maxLifetimeMs: 600_000 });
    try {
      await eventually('one warm cluster', async () => pool.stats().warm === 1, 60_000);
      const c = await pool.acquire();
      assert.deepEqual(pool.stats(), { warm: 0, starting: 1, leased: 1 }, 'the warm cluster was handed out; a refill started');
      assert.equal((await kubectl(c, ['get', 'nodes'])).code, 0);
      await eventually('the pool to refill', async () => pool.stats().warm === 1, 60_000);
      await pool.release(c);
      assert.equal(pool.stats().leased, 0);
    } finally {
      await pool.dispose();
    }
    assert.deepEqual(readdirSync(path.join(cfg.BATTEN_DATA_DIR, 'clusters')), [], 'dispose removed every cluster');
  });

  test('with an empty pool, acquire waits for a cold start', async () => {
    const pool = new ClusterPool({ provider: testProvider(), size: 0, maxConcurrentStarts: 1, idleMs: 60_000, maxLifetimeMs: 600_000 });
    try {
      const c = await pool.acquire();
      assert.deepEqual(pool.stats(), { warm: 0, starting: 0, leased: 1 });
      assert.equal((await kubectl(c, ['get', 'ns', 'default'])).code, 0);
    } finally {
      await pool.dispose();
    }
  });

  test('the reaper disposes a leased cluster that stays idle', async () => {
    const reaped: string[] = [];
    const pool = new ClusterPool({ provider: testProvider(), size: 0, maxConcurrentStarts: 1, idleMs: 300, maxLifetimeMs: 600_000, reapEveryMs: 100, onReap: (c, why) => reaped.push(`${c.name}:${why}`) });
    try {
      const c = (await pool.acquire()) as EmbeddedCluster;
      const pids = await c.pids();
      await eventually('the idle cluster to be reaped', async () => reaped.length === 1, 5_000);
      assert.equal(reaped[0], `${c.name}:idle`);
      await eventually('its processes to exit', async () => pids.every((p) => !isAlive(p)), 5_000);
      assert.equal(pool.stats().leased, 0);
    } finally {
      await pool.dispose();
    }
  });

  test('the reaper disposes a cluster past its maximum lifetime even when active', async () => {
    const reaped: string[] = [];
    const pool = new ClusterPool({ provider: testProvider(), size: 0, maxConcurrentStarts: 1, idleMs: 600_000, maxLifetimeMs: 500, reapEveryMs: 100, onReap: (_c, why) => reaped.push(why) });
    let c: Cluster | undefined;
    try {
      c = await pool.acquire();
      const keepBusy = setInterval(() => pool.touch(c!), 50);
      await eventually('the old cluster to be reaped', async () => reaped.length === 1, 5_000);
      clearInterval(keepBusy);
      assert.deepEqual(reaped, ['lifetime']);
    } finally {
      await pool.dispose();
    }
  });
});

describe('after a crash', () => {
  test("a killed server's cluster processes die with it, and start-up garbage collection removes its directory", async () => {
    const cfg = testConfig();
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/crashing-owner.ts'], {
      cwd: REPO_ROOT,
      env: { ...process.env, BATTEN_DATA_DIR: cfg.BATTEN_DATA_DIR, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const info = await new Promise<{ name: string; pids: number[] }>((resolve) => child.stdout.once('data', (d: Buffer) => resolve(JSON.parse(d.toString()))));
    assert.ok(info.pids.length >= 6);
    child.kill('SIGKILL');
    await eventually('every process of the crashed server to exit', async () => info.pids.every((p) => !isAlive(p)), 10_000);
    const dir = path.join(cfg.BATTEN_DATA_DIR, 'clusters', info.name);
    assert.ok(existsSync(dir), 'the directory is still there before garbage collection');
    assert.ok((await mountsUnder(dir)).length > 0, 'and its node mounts');
    const { removed } = await testProvider(cfg).collectGarbage();
    assert.ok(removed.includes(info.name), removed.join(', '));
    assert.ok(removed.includes(`cgroup ${child.pid}.${info.name}`), removed.join(', '));
    assert.equal(existsSync(dir), false);
    assert.deepEqual(await mountsUnder(dir), []);
  });
});
