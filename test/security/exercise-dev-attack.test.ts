import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { EXERCISES_DIR } from '../../server/exercises/catalog-context.ts';
import { REPO_ROOT } from '../../server/setup/controlplane-build.ts';
import { tempDir, testConfig } from '../support/clusters.ts';

/**
 * `batten exercise dev` on a hostile exercise folder: files that are links to the host's
 * files (or devices, pipes) must not make it print host content, hang or crash. Each test
 * failed before the fix in server/cli/exercise-dev.ts.
 */

const MARKER = 'HOST-SECRET-7f3a9c';

/** `bin/batten exercise dev DIR`, its output so far, a way to type keys, and its exit. */
function dev(dir: string, env: Record<string, string> = {}) {
  const child = spawn(path.join(REPO_ROOT, 'bin', 'batten'), ['exercise', 'dev', dir], {
    cwd: REPO_ROOT,
    // the marker first: /proc/self/environ is read from its start
    env: { BATTEN_LEAK_CHECK: MARKER, ...process.env, BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return {
    child,
    output: () => output,
    exited,
    /** Resolves when the output matches, or fails after `ms` (or when it exits first). */
    async until(re: RegExp, ms: number): Promise<void> {
      const deadline = Date.now() + ms;
      while (!re.test(output)) {
        if (child.exitCode !== null) throw new Error(`exited ${child.exitCode} before ${re}:\n${output}`);
        if (Date.now() > deadline) throw new Error(`no ${re} in ${ms} ms:\n${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    /** Waits for the exit; past `ms`, stops it (SIGTERM, then SIGKILL) and answers 'killed'. */
    async exit(ms: number): Promise<number | null | 'killed'> {
      const t = await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), ms))]);
      if (t !== 'late') return t;
      child.kill('SIGTERM');
      if ((await Promise.race([exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 60_000))])) === 'late') child.kill('SIGKILL');
      await exited;
      return 'killed';
    },
  };
}

/** A copy of a real exercise, in a folder of its own, to make hostile. */
function copyOf(name: string): string {
  const dir = path.join(tempDir('batten-devattack-'), name);
  cpSync(path.join(EXERCISES_DIR, name), dir, { recursive: true });
  return dir;
}

/** A file of the host's, outside the exercise folder, that must never be printed: a token,
 * as in /var/run/secrets/kubernetes.io/serviceaccount/token or ~/.config/…/token. */
function hostFile(): string {
  const f = path.join(tempDir('batten-devhost-'), 'token');
  writeFileSync(f, `${MARKER}.eyJhbGciOiJSUzI1NiJ9.c2VjcmV0\n`);
  return f;
}

/** What of this process's environment (as /proc/self/environ shows it) the output quotes. */
function quotedEnvironment(output: string): string[] {
  const quoted = Object.entries(process.env).filter(([k, v]) => v && v.length >= 4 && output.includes(`${k}=${v.slice(0, 4)}`)).map(([k]) => k);
  return output.includes('\\u0000') ? [...quoted, 'NUL-separated environ'] : quoted;
}

/** How many reloads the dev loop has started so far. */
const reloads = (output: string) => output.split('exercise.yaml changed: reloading').length - 1;

describe('exercise dev refuses a hostile folder without printing host files, hanging or crashing', () => {
  // Fixed in server/cli/exercise-dev.ts (the folder is checked before each load: a link
  // that leads outside it is refused, named, and never read). Before: the loader followed
  // the link and its error ("expected a mapping, got "...") quoted the host file, or the
  // process environment from /proc/self/environ.
  test('exercise.yaml linked to a host file or to /proc/self/environ: refused, nothing quoted', async () => {
    for (const target of [hostFile(), '/proc/self/environ']) {
      const dir = copyOf('anonymous-access');
      rmSync(path.join(dir, 'exercise.yaml'));
      symlinkSync(target, path.join(dir, 'exercise.yaml'));
      const d = dev(dir);
      const code = await d.exit(60_000);
      assert.notEqual(code, 0, d.output());
      assert.notEqual(code, 'killed', `still running after a minute:\n${d.output()}`);
      assert.ok(!d.output().includes(MARKER), `${target} leaked:\n${d.output()}`);
      assert.deepEqual(quotedEnvironment(d.output()), [], `${target} leaked:\n${d.output()}`);
      assert.match(d.output(), /exercise\.yaml.*outside the exercise folder/);
    }
  });

  // Fixed in server/cli/exercise-dev.ts, as above. Before: setup/ linked to a host folder
  // was read (every .yaml below it), its manifests applied to a new cluster.
  test('setup/ linked to a folder of the host: refused before any cluster starts', async () => {
    const dir = copyOf('anonymous-access');
    const host = tempDir('batten-devhost-');
    writeFileSync(path.join(host, 'leak.yaml'), `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: leak, namespace: default }\ndata: { secret: ${MARKER} }\n`);
    rmSync(path.join(dir, 'setup'), { recursive: true });
    symlinkSync(host, path.join(dir, 'setup'));
    const d = dev(dir);
    const code = await d.exit(45_000);
    assert.doesNotMatch(d.output(), /starting a cluster/, 'a cluster was started with the host folder as its setup');
    assert.notEqual(code, 'killed', d.output());
    assert.notEqual(code, 0);
    assert.match(d.output(), /setup.*outside the exercise folder/);
  });
});

describe('exercise dev: exercise.yaml swapped while it runs (one cluster)', () => {
  let d: ReturnType<typeof dev> | undefined;
  afterAll(async () => {
    if (d && d.child.exitCode === null) await d.exit(0);
  });

  // Fixed in server/cli/exercise-dev.ts, as above, on every reload. Before: a reload after
  // exercise.yaml became a link to a host file printed that file. (A FIFO held: the loader
  // opens without blocking and refuses it; the loop goes on with the last good version.)
  test('a FIFO, then a link to a host file: the last good version stays, nothing leaks, q quits', async () => {
    const dir = copyOf('anonymous-access');
    const yaml = path.join(dir, 'exercise.yaml');
    const good = readFileSync(yaml, 'utf8');
    d = dev(dir);
    await d.until(/ready in/, 240_000);
    await d.until(/anonymous-cannot-read-secrets: UNMET/, 60_000);

    rmSync(yaml);
    assert.equal(spawnSync('mkfifo', [yaml]).status, 0);
    await d.until(/a FIFO/, 30_000);

    for (const target of [hostFile(), '/proc/self/environ']) {
      const before = d.output().length;
      const seen = reloads(d.output());
      rmSync(yaml);
      symlinkSync(target, yaml);
      const deadline = Date.now() + 30_000;
      while (reloads(d.output()) === seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await new Promise((r) => setTimeout(r, 2000)); // the reload is printed
      const printed = d.output().slice(before);
      assert.ok(reloads(d.output()) > seen, `no reload after exercise.yaml became a link:\n${printed}`);
      assert.ok(!printed.includes(MARKER), `host content printed on reload:\n${printed}`);
      assert.deepEqual(quotedEnvironment(printed), [], `the environment printed on reload:\n${printed}`);
    }

    rmSync(yaml);
    writeFileSync(yaml, good.replace('title: Anonymous users can list pods and secrets', 'title: Anonymous users can list pods and secrets (edited)'));
    const reloaded = d.output().length;
    await d.until(/exercise\.yaml changed: reloading/, 30_000);
    await new Promise((r) => setTimeout(r, 3000));
    assert.match(d.output().slice(reloaded), /anonymous-cannot-read-secrets: UNMET/, 'the good version is in use again');

    d.child.stdin.write('q');
    assert.equal(await d.exit(90_000), 0, d.output());
  });
});
