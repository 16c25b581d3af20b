import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'vitest';
import { loadConfig } from '../../server/config/config.ts';
import { controlplaneCacheDir, REPO_ROOT } from '../../server/setup/controlplane-build.ts';
import { tempDir } from '../support/clusters.ts';

test('doctor passes with the embedded provider ready, and lists what the optional kind provider lacks without failing', () => {
  const cfg = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const emptyCache = tempDir('batten-doctor-');
  const r = spawnSync(path.join(REPO_ROOT, 'bin', 'batten'), ['doctor'], {
    encoding: 'utf8',
    env: { ...process.env, BATTEN_CACHE: emptyCache, BATTEN_K8S_BIN: controlplaneCacheDir(cfg.BATTEN_CACHE), BATTEN_DATA_DIR: tempDir('batten-doctor-data-') },
  });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /all good/);
  assert.match(r.stdout, /kind provider \(optional/);
  assert.match(r.stdout, new RegExp(` -- +kind and node image +not built in ${emptyCache}/kind/\\S+: run \`bin/batten setup --kind\``));
});
