import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { renderManifest } from '../../server/clusters/embedded/apiserver-manifest.ts';
import { cgroupsOwnedBy } from '../../server/host/cgroup.ts';
import { mountsUnder } from '../../server/host/tmpfs.ts';
import type { SessionView } from '../../server/protocol/rest.ts';
import { ApiUser } from '../support/api-client.ts';
import { eventually, tempDir, testConfig } from '../support/clusters.ts';
import { watchHealth } from '../support/health-watch.ts';
import { startTestServer } from '../support/server.ts';
import { SocketTerminal } from '../support/socket-terminal.ts';

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const LOG = '/var/log/kubernetes/kube-apiserver.log';

/**
 * A hostile learner attacks the node files the platform reads and writes, from a real
 * terminal reached over a real socket, against the real server. Nothing they do may reach
 * a host file, block or stop the server, or outlive their session.
 */
describe("a learner's node files cannot reach the host or stop the platform", () => {
  const dataDir = testConfig().BATTEN_DATA_DIR;
  const hostDir = tempDir('batten-host-');
  const hostTarget = path.join(hostDir, 'target.txt');
  const hostSecret = path.join(hostDir, 'kube-apiserver.yaml');
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let learner: ApiUser;
  let session: SessionView;
  let term: SocketTerminal;
  let clusterName = '';

  const sh = async (command: string, timeoutMs?: number) => term.run(command, timeoutMs);
  /** Writes the manifest from inside the terminal, as an editor would. */
  const writeManifest = async (text: string) => {
    const r = await sh(`echo ${Buffer.from(text).toString('base64')} | base64 -d > ${MANIFEST}`);
    assert.equal(r.code, 0, `writing the manifest: ${r.output}`);
  };
  /** Puts the original manifest back, whatever is in its place, and waits for the API server. */
  const restoreManifest = async () => {
    await sh(`rm -rf ${MANIFEST}`);
    await writeManifest(renderManifest());
    await apiServerBack();
  };
  const apiServerBack = () => eventually('the API server to answer again', async () => (await sh('kubectl get --raw /readyz', 15_000)).code === 0, 60_000);
  const logSays = (pattern: RegExp) => eventually(`the API server log to say ${pattern}`, async () => pattern.test((await sh(`tail -n 50 ${LOG}`)).output), 20_000);

  beforeAll(async () => {
    writeFileSync(hostTarget, 'untouched\n');
    writeFileSync(hostSecret, 'apiVersion: v1\nkind: [Pod\nsecret-token: host-secret-abc123\n');
    server = await startTestServer({
      POOL_SIZE: '1',
      PREWARM_EXERCISES: 'anonymous-access',
      BATTEN_DATA_DIR: dataDir,
      LOG_LEVEL: 'silent',
      CLUSTER_MEMORY_MB: '1024',
      CLUSTER_CPUS: '1.5',
      NODE_FILES_MB: '32',
      TERMINAL_FILE_MB: '16',
    });
    learner = new ApiUser(server.base);
    await learner.call('POST', '/api/auth/signup', { username: 'mallory', displayName: 'Mallory', password: 'mallory-password-1' });
    session = (await learner.call<SessionView>('POST', '/api/exercises/anonymous-access/start', {})).body;
    await eventually('the session to be ready', async () => (await learner.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 120_000);
    term = await SocketTerminal.open(learner, session.id);
    await eventually('the shell prompt', async () => (await sh('true', 5000)).code === 0, 20_000);
    const db = new Database(path.join(dataDir, 'batten.db'), { readonly: true });
    clusterName = (db.prepare('SELECT cluster FROM sessions ORDER BY started_at DESC LIMIT 1').get() as { cluster: string } | undefined)?.cluster ?? '';
    db.close();
  });
  afterAll(async () => {
    term?.close();
    await server?.stop();
  });

  const hostUntouched = () => {
    assert.equal(readFileSync(hostTarget, 'utf8'), 'untouched\n', 'the host file is unchanged');
    assert.deepEqual(readdirSync(hostDir).sort(), ['kube-apiserver.yaml', 'target.txt'], 'nothing new on the host');
  };

  test("a symlink or a directory in place of the API server's log cannot make the platform write a host file", async () => {
    for (const attempt of [`rm -f ${LOG}`, `ln -sf ${hostTarget} ${LOG}`, `mv ${LOG} /tmp/x`]) {
      const r = await sh(attempt);
      assert.notEqual(r.code, 0, `${attempt} must fail: ${r.output}`);
      assert.match(r.output, /Read-only file system|busy|Operation not permitted|Permission denied/);
    }
    // The platform writes to the log when a manifest is refused, quoting the learner's
    // argument: a newline in it must not forge a line, and audit flags are capped.
    const manifest = renderManifest().replace('- --allow-privileged=true', '- --allow-privileged=true\n        - "x\\nPWNED as root"\n        - --audit-log-maxbackup=100000');
    await writeManifest(manifest);
    await logSays(/argument "x\\nPWNED as root" is not of the form/);
    const log = (await sh(`cat ${LOG}`)).output;
    assert.doesNotMatch(log, /^PWNED/m, 'no forged line');
    assert.match(log, /--audit-log-maxbackup=100000: use a whole number from 0 to 10/);
    hostUntouched();
    await writeManifest(renderManifest());
    await apiServerBack();
  });

  test('a manifest that is a symlink to a host file, or a manifests directory that is one, is never read', async () => {
    assert.equal((await sh(`ln -sf ${hostSecret} ${MANIFEST}`)).code, 0);
    await logSays(/is a symbolic link/);
    assert.equal((await sh(`mv /etc/kubernetes/manifests /etc/kubernetes/manifests.bak && ln -s ${hostDir} /etc/kubernetes/manifests`)).code, 0);
    await logSays(/manifests is not a directory/);
    const log = (await sh(`cat ${LOG}`)).output;
    assert.doesNotMatch(log, /host-secret|YAML error|line \d/, 'nothing about the host file leaks');
    hostUntouched();
    assert.equal((await sh(`rm /etc/kubernetes/manifests && mv /etc/kubernetes/manifests.bak /etc/kubernetes/manifests && rm ${MANIFEST}`)).code, 0);
    await writeManifest(renderManifest());
    await apiServerBack();
  });

  test('FIFOs and a directory in place of the manifest neither block nor stop the platform', async () => {
    const health = watchHealth(server.base);
    try {
      for (let i = 0; i < 6; i++) {
        assert.equal((await sh(`rm -rf ${MANIFEST} && mkfifo ${MANIFEST}`)).code, 0);
        await new Promise((r) => setTimeout(r, 300));
      }
      await logSays(/not a regular file/);
      // scrypt runs on the same worker pool a blocked read would hold: sign-in still answers
      const signIn = await new ApiUser(server.base).call('POST', '/api/auth/login', { username: 'mallory', password: 'mallory-password-1' });
      assert.equal(signIn.status, 200);
      assert.equal((await sh(`rm -f ${MANIFEST} && mkdir ${MANIFEST}`)).code, 0);
      await new Promise((r) => setTimeout(r, 500));
    } finally {
      await restoreManifest();
    }
    // A blocked event loop or worker pool would leave health checks unanswered (5 s).
    const h = await health.stop();
    assert.equal(h.failures, 0, `healthz went unanswered ${h.failures} times (p95 ${h.p95Ms} ms, max ${h.maxMs} ms over ${h.count})`);
  });

  test('a crash-looping API server does not stop the platform', async () => {
    const health = watchHealth(server.base);
    try {
      await writeManifest(renderManifest({ 'encryption-provider-config': '/etc/kubernetes/missing.yaml' }));
      await logSays(/exited; restarting in 2 s/);
    } finally {
      await restoreManifest();
    }
    const h = await health.stop();
    assert.equal(h.failures, 0, `healthz went unanswered ${h.failures} times`);
  });

  test('the node directories are small size-limited filesystems, and the shell cannot write a huge file', async () => {
    const df = await sh('df -k --output=size /etc/kubernetes /var/log/kubernetes | tail -n 2');
    for (const kb of df.output.split('\n').map(Number)) assert.ok(kb > 0 && kb <= 32 * 1024, `node filesystem of ${kb} KiB`);
    const fill = await sh('head -c 15M /dev/zero > /var/log/kubernetes/a && head -c 15M /dev/zero > /var/log/kubernetes/b && head -c 15M /dev/zero > /var/log/kubernetes/c', 60_000);
    assert.notEqual(fill.code, 0);
    assert.match(fill.output, /No space left on device/);
    const big = await sh('head -c 20M /dev/zero > ~/big', 60_000);
    assert.notEqual(big.code, 0);
    assert.match(big.output, /File size limit exceeded|File too large/);
    assert.equal((await sh('rm -f /var/log/kubernetes/a /var/log/kubernetes/b /var/log/kubernetes/c ~/big')).code, 0);
    assert.equal((await sh('kubectl get ns default -o name')).code, 0, 'the cluster still works');
  });

  test('the control plane runs in a cgroup with the configured memory and CPU limits', async () => {
    assert.match(clusterName, /^batten-[0-9a-f]{8}$/);
    const dirs = (await cgroupsOwnedBy(server.server.child.pid!)).dirs.filter((d) => d.endsWith(`.${clusterName}`));
    const file = (name: string) => dirs.map((d) => path.join(d, name)).find((f) => existsSync(f));
    const memory = file('memory.limit_in_bytes') ?? file('memory.max');
    assert.ok(memory, `a memory cgroup for ${clusterName}: ${dirs.join(', ')}`);
    assert.equal(readFileSync(memory, 'utf8').trim(), String(1024 * 2 ** 20));
    const quota = file('cpu.cfs_quota_us');
    if (quota) assert.equal(readFileSync(quota, 'utf8').trim(), '150000');
    else assert.equal(readFileSync(file('cpu.max')!, 'utf8').trim(), '150000 100000');
    assert.ok((await cgroupsOwnedBy(server.server.child.pid!)).pids.length >= 5, 'every component is inside');
  });

  test("the sandbox's process list shows no host path", async () => {
    const r = await sh("for f in /proc/[0-9]*/cmdline; do tr '\\0' ' ' < $f; echo; done");
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.output, new RegExp(`${dataDir}|${clusterName}|/clusters/|/terminals/`), r.output);
  });

  test('nothing of the session is left after it ends: cluster directory, mounts, cgroups, terminal directory', async () => {
    term.close();
    assert.equal((await learner.call('DELETE', `/api/sessions/${session.id}`)).status, 204);
    const root = path.join(dataDir, 'clusters', clusterName);
    await eventually('the cluster directory to be removed', async () => !existsSync(root), 30_000);
    assert.deepEqual(await mountsUnder(root), []);
    assert.deepEqual((await cgroupsOwnedBy(server.server.child.pid!)).dirs.filter((d) => d.endsWith(`.${clusterName}`)), []);
    const terminals = path.join(dataDir, 'terminals');
    assert.deepEqual(existsSync(terminals) ? readdirSync(terminals) : [], [], 'no terminal directory (they hold the learner key)');
  });
});
