import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'vitest';
import { EXERCISES_DIR } from '../../server/exercises/catalog-context.ts';
import { cgroupsOwnedBy } from '../../server/host/cgroup.ts';
import { freePort, spawnServer } from '../support/server.ts';
import { eventually, testConfig } from '../support/clusters.ts';


test('the server serves health, metrics and pool state, and SIGTERM destroys every cluster it started', async () => {
  const cfg = testConfig();
  const port = await freePort();
  const { child, out, exited } = spawnServer({ PORT: String(port), POOL_SIZE: '1', PREWARM_EXERCISES: 'anonymous-access', BATTEN_DATA_DIR: cfg.BATTEN_DATA_DIR, LOG_LEVEL: 'warn' });
  const base = `http://127.0.0.1:${port}`;
  try {
    await eventually('the server to print its URL', async () => out.stdout.includes(`open ${base}/`), 30_000);
    assert.deepEqual(await (await fetch(`${base}/healthz`)).json(), { ok: true });
    await eventually('a warm cluster', async () => ((await (await fetch(`${base}/api/pool`)).json()) as { warm: number }).warm === 1, 60_000);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    assert.match(metrics, /^batten_cluster_pool_warm 1$/m);
    assert.match(metrics, /^batten_cluster_start_seconds_count 1$/m);
    const page = await fetch(`${base}/status`);
    assert.equal(page.headers.get('x-frame-options'), 'DENY');
    assert.match(await page.text(), /warm clusters<\/th><td id="warm">1</);
    assert.equal((await fetch(`${base}/nope`)).status, 404);
    const exercises = (await (await fetch(`${base}/api/exercises`)).json()) as { name: string; available: boolean; broken: boolean }[];
    // every folder is listed and none is broken; those that need a running workload are
    // listed but unavailable on the embedded provider
    const folders = readdirSync(EXERCISES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
    assert.deepEqual(exercises.map((e) => e.name), folders);
    const runtime = folders.filter((f) => /^requires: \[.*runtime.*\]$/m.test(readFileSync(path.join(EXERCISES_DIR, f, 'exercise.yaml'), 'utf8')));
    assert.ok(runtime.length >= 4, 'the runtime exercises are recognised');
    assert.deepEqual(exercises.map((e) => [e.name, e.available, e.broken]), folders.map((f) => [f, !runtime.includes(f), false]));
    assert.ok((await cgroupsOwnedBy(child.pid!)).pids.length >= 6, 'the cluster runs');
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, out.stderr);
  assert.deepEqual((await cgroupsOwnedBy(child.pid!)).pids, []);
  assert.deepEqual(readdirSync(path.join(cfg.BATTEN_DATA_DIR, 'clusters')), []);
});
