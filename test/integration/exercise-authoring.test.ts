import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'vitest';
import { REPO_ROOT } from '../../server/setup/controlplane-build.ts';
import { eventually, tempDir, testConfig } from '../support/clusters.ts';

const BATTEN = path.join(REPO_ROOT, 'bin', 'batten');

/** An author's loop, through the real command line: scaffold, prove, then work live. */
describe('authoring an exercise: exercise new, exercise test, exercise dev', () => {
  const parent = tempDir('batten-authoring-');
  const dir = path.join(parent, 'leaky-config');
  const dataDir = testConfig().BATTEN_DATA_DIR;
  const env = { ...process.env, BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };

  test('exercise new writes an exercise that validates and proves as it is; a bad name or an existing folder is refused', () => {
    const made = spawnSync(BATTEN, ['exercise', 'new', 'leaky-config', '--dir', parent], { encoding: 'utf8', env });
    assert.equal(made.status, 0, made.stderr);
    assert.match(made.stdout, /exercise dev .*leaky-config/);
    const again = spawnSync(BATTEN, ['exercise', 'new', 'leaky-config', '--dir', parent], { encoding: 'utf8', env });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists/);
    const bad = spawnSync(BATTEN, ['exercise', 'new', 'Bad_Name', '--dir', parent], { encoding: 'utf8', env });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /lowercase letters, digits and dashes/);
    const proof = spawnSync(BATTEN, ['exercise', 'test', dir], { encoding: 'utf8', env, timeout: 300_000 });
    assert.match(proof.stdout, /PASS leaky-config/, proof.stdout + proof.stderr);
    assert.match(proof.stdout, /1 passed, 0 failed/);
  });

  test('exercise dev re-checks the objectives live: on a save of exercise.yaml, on the solution and on the setup again; q removes the cluster', async () => {
    const child = spawn(BATTEN, ['exercise', 'dev', dir], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', r));
    const saw = (what: string, pattern: RegExp, from = 0) => eventually(`${what}; output so far:\n${out}`, async () => pattern.test(out.slice(from)), 120_000);
    try {
      await saw('the cluster and the first verdict', /sa-cannot-read-secrets: UNMET — .*can still get secrets/);
      assert.match(out, /export KUBECONFIG=\S+learner\.conf/);

      // the author renames the objective's title and saves: the new definition is used
      const file = path.join(dir, 'exercise.yaml');
      writeFileSync(file, readFileSync(file, 'utf8').replace('can no longer read Secrets', 'reads no Secrets'));
      let mark = out.length;
      await saw('the reload', /exercise\.yaml changed: reloading/, mark);
      // a broken save is reported and the last good version stays in use
      const good = readFileSync(file, 'utf8');
      writeFileSync(file, good.replace('points: 100', 'points: lots'));
      mark = out.length;
      await saw('the problem with the broken save', /exercise\.yaml is broken[\s\S]*points/, mark);
      writeFileSync(file, good);

      mark = out.length;
      child.stdin.write('s');
      await saw('the solution to meet the objective', /sa-cannot-read-secrets: MET — .*can no longer get secrets/, mark);
      mark = out.length;
      child.stdin.write('r');
      await saw('the setup to bring the weakness back', /sa-cannot-read-secrets: REGRESSED — .*can still get secrets/, mark);
      child.stdin.write('q');
      assert.equal(await exited, 0, out);
    } finally {
      child.kill('SIGKILL');
    }
    const clusters = path.join(dataDir, 'clusters');
    assert.deepEqual(existsSync(clusters) ? readdirSync(clusters) : [], [], 'the dev cluster is removed');
  });
});
