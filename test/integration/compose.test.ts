import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { kindBuilt } from '../../server/clusters/create-provider.ts';
import { KindEngine, runCommand, type CommandResult } from '../../server/clusters/kind/engine.ts';
import { disposeKindCluster } from '../../server/clusters/kind/kind-cluster.ts';
import { kindLayout } from '../../server/clusters/kind/layout.ts';
import { loadConfig } from '../../server/config/config.ts';
import type { Me, SessionView } from '../../server/protocol/rest.ts';
import { REPO_ROOT } from '../../server/setup/controlplane-build.ts';
import { kindCacheDir, readKindBuild, type KindBuild } from '../../server/setup/kind-build.ts';
import { ApiUser } from '../support/api-client.ts';
import { freePort } from '../support/server.ts';
import { SocketTerminal } from '../support/socket-terminal.ts';

/**
 * docker-compose.yml for real: Debian's docker-compose (v1) against rootful Podman's
 * Docker-compatible API socket (a `podman system service` this test starts, with Batten's
 * containers.conf), building the Batten image from an offline base image
 * (sandbox/compose/build-base.sh; no registry is reachable here), then `up`, the health
 * check, the printed URL, the first (admin) account, one session whose kind cluster the
 * containerized Batten creates on the host's engine through the mounted socket, a learner
 * shell in it, and `down -v` leaving nothing behind. Every step is time-bounded; the images
 * stay cached for the next run.
 */
const cfg = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
const PROJECT = 'batten-compose-test';
// short: Unix socket paths under the volume's directory must stay within 107 bytes
const VOLUME = 'batten-compose-vol';
const IMAGE = 'localhost/batten-compose/batten:latest';
const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
const CONTAINER = `${PROJECT}_batten_1`;
/** No images beyond the node image's own: an exercise whose setup starts no pod. */
const EXERCISE = 'anonymous-access';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const isRoot = process.getuid?.() === 0;
const missing = !isRoot
  ? 'not root (rootful podman)'
  : !kindBuilt(cfg)
    ? 'the kind provider is not built on this machine: run bin/batten setup --kind'
    : !has('docker-compose') && !has('apt-get')
      ? "Debian's docker-compose is not installed and there is no apt-get to install it"
      : undefined;

/** Kernel settings a privileged container could write on the host; none may change. */
const SYSCTLS = ['net/ipv4/ip_forward', 'net/ipv6/conf/all/forwarding', 'kernel/panic', 'kernel/panic_on_oops', 'vm/overcommit_memory', 'vm/panic_on_oom'];
const readSysctls = () => Object.fromEntries(SYSCTLS.map((k) => [k, existsSync(`/proc/sys/${k}`) ? readFileSync(`/proc/sys/${k}`, 'utf8').trim() : '']));

/** Polls `check` every second until it returns true; a throw ends the wait at once. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    try {
      if (await check()) return;
    } catch (e) {
      if (e instanceof assert.AssertionError) throw e;
      last = (e as Error).message;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${last})` : ''}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Mount points at or under `dir`, as the host sees them. */
const mountsUnder = (dir: string) =>
  readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[4] ?? '')
    .filter((m) => m === dir || m.startsWith(dir + '/'));

describe.skipIf(missing)(`docker-compose.yml: Batten in a container drives kind on the host's engine${missing ? ` (skipped: ${missing})` : ''}`, () => {
  // read in beforeAll: this body also runs (to list the tests) where the suite is skipped
  let build: KindBuild;
  let conf: Record<string, string> = {};
  let service: ChildProcess | undefined;
  let socketDir = '';
  let socket = '';
  let dataDir = '';
  let env: Record<string, string> = {};
  let base = '';
  let admin: ApiUser;
  let session: SessionView;
  let clusterName = '';
  const sysctlsBefore = readSysctls();
  const times: Record<string, number> = {};

  /** One call to the engine's API on the test's socket: status and parsed JSON. */
  const engine = (method: string, p: string): Promise<{ status: number; body: any }> =>
    new Promise((resolve, reject) => {
      const req = request({ socketPath: socket, method, path: p, timeout: 60_000 }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${p}: no answer in 60 s`)));
      req.on('error', reject);
      req.end();
    });

  const compose = (args: string[], timeoutMs: number): Promise<CommandResult> => runCommand('docker-compose', ['-f', COMPOSE_FILE, '-p', PROJECT, '--ansi', 'never', ...args], { env, timeoutMs });
  const ok = (r: CommandResult, what: string) => assert.equal(r.code, 0, `${what} failed (${r.code}):\n${(r.stdout + r.stderr).slice(-4000)}`);
  const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;

  /** Kind clusters whose files are in the test's volume: the ones the containerized Batten made. */
  const ourClusters = async () => {
    const nets = await engine('GET', '/v4.0.0/libpod/networks/json');
    return (nets.body as { name: string; labels?: Record<string, string> }[]).filter((n) => (n.labels?.['batten.root'] ?? '').startsWith(dataDir + '/')).map((n) => ({ name: n.name, root: n.labels!['batten.root']! }));
  };

  /** Whatever a failed run may have left: the project, kind clusters Batten did not get to
   * remove, the volume and its mounts. Only this test's own names. */
  const cleanUp = async () => {
    if (!socket || !existsSync(socket)) return;
    await compose(['down', '-v', '--timeout', '180'], 240_000);
    const kind = new KindEngine(build);
    for (const c of await ourClusters().catch(() => [])) await disposeKindCluster(kind, c.name, kindLayout(c.root));
    for (const m of mountsUnder(dataDir).sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m]);
    await engine('DELETE', `/v4.0.0/libpod/volumes/${VOLUME}?force=true`).catch(() => undefined);
  };

  beforeAll(async () => {
    build = readKindBuild(kindCacheDir(cfg.BATTEN_CACHE));
    conf = { CONTAINERS_CONF: build.containersConf };
    if (!has('docker-compose')) {
      // the compose tool Debian ships (1.29, Python): what an operator on Debian has
      const r = await runCommand('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'docker-compose'], { env: { DEBIAN_FRONTEND: 'noninteractive' }, timeoutMs: 600_000 });
      ok(r, 'apt-get install docker-compose');
    }
    // the host's engine: rootful podman's API with Batten's settings (never the host defaults)
    socketDir = mkdtempSync('/run/batten-compose-');
    socket = path.join(socketDir, 'podman.sock');
    service = spawn('podman', ['system', 'service', '--time=0', `unix://${socket}`], { env: { ...process.env, ...conf }, stdio: 'ignore' });
    process.once('exit', () => service?.kill('SIGKILL'));
    await until('the podman API socket', async () => (await engine('GET', '/_ping')).status === 200, 30_000);
    const info = await engine('GET', '/v4.0.0/libpod/info');
    const volumesDir = String(info.body.store?.volumePath ?? '/var/lib/containers/storage/volumes');
    dataDir = path.join(volumesDir, VOLUME, '_data');
    env = {
      DOCKER_HOST: `unix://${socket}`,
      COMPOSE_HTTP_TIMEOUT: '300',
      BATTEN_ENGINE_SOCKET: socket,
      BATTEN_VOLUMES_DIR: volumesDir,
      BATTEN_VOLUME: VOLUME,
      BATTEN_IMAGE: IMAGE,
      BATTEN_CACHE: cfg.BATTEN_CACHE,
      BATTEN_PORT: String(await freePort()),
      BATTEN_HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    };
    await cleanUp(); // a previous run that was killed
  });

  afterAll(async () => {
    try {
      await cleanUp();
    } finally {
      service?.kill('SIGTERM');
      if (socketDir) rmSync(socketDir, { recursive: true, force: true });
      console.log(`compose timings (s): ${JSON.stringify(times)}`);
    }
  });

  test('the images build: an offline base image, then the Batten image through the compose tool', async () => {
    let t = Date.now();
    const b = await runCommand('bash', [path.join(REPO_ROOT, 'sandbox/compose/build-base.sh')], { env: conf, timeoutMs: 15 * 60_000 });
    ok(b, 'sandbox/compose/build-base.sh');
    env.BATTEN_BASE_IMAGE = b.stdout.trim().split('\n').pop()!;
    times.baseImage = seconds(t);
    t = Date.now();
    ok(await compose(['build', '--force-rm'], 25 * 60_000), 'docker-compose build');
    times.imageBuild = seconds(t);
    const img = await engine('GET', `/v1.40/images/${encodeURIComponent(IMAGE)}/json`);
    assert.equal(img.status, 200, `image ${IMAGE} is not in the engine`);
  });

  test('`up` starts it privileged on the host network and PIDs, healthy, and prints a URL that answers', async () => {
    const t = Date.now();
    ok(await compose(['up', '-d'], 180_000), 'docker-compose up -d');
    const c = (await engine('GET', `/v1.40/containers/${CONTAINER}/json`)).body;
    assert.equal(c.HostConfig.Privileged, true);
    assert.equal(c.HostConfig.NetworkMode, 'host');
    assert.equal(c.HostConfig.PidMode, 'host');
    // Podman schedules health checks with systemd timers; on a host without systemd (this
    // one) nothing runs them, so the test asks the engine to run the container's own check
    // (the one docker-compose.yml defines) each round, as the timer would.
    const noTimers = !existsSync('/run/systemd/system');
    await until(
      'the container to be healthy',
      async () => {
        if (noTimers) await engine('GET', `/v4.0.0/libpod/containers/${CONTAINER}/healthcheck`);
        const s = (await engine('GET', `/v1.40/containers/${CONTAINER}/json`)).body;
        assert.equal(s.State?.Status, 'running', 'the Batten container stopped');
        return s.State?.Health?.Status === 'healthy';
      },
      180_000,
    ).catch(async (e: Error) => assert.fail(`${e.message}\n${(await compose(['logs', '--tail', '40'], 30_000)).stdout}`));
    times.upToHealthy = seconds(t);
    const logs = await compose(['logs', '--no-color'], 30_000);
    const url = /Batten is running: open (http:\/\/\S+)/.exec(logs.stdout)?.[1];
    assert.equal(url, `http://127.0.0.1:${env.BATTEN_PORT}/`, `the printed URL:\n${logs.stdout}`);
    base = url!.replace(/\/$/, '');
    const h = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(10_000) });
    assert.deepEqual(await h.json(), { ok: true });
    const pool = (await (await fetch(`${base}/api/pool`)).json()) as { provider: string };
    assert.equal(pool.provider, 'kind');
  });

  test('the first account is the admin; a session gets a kind cluster made on the host engine through the socket', async () => {
    admin = new ApiUser(base);
    const me = await admin.call<Me>('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'compose-admin-pw-1' });
    assert.equal(me.status, 201, me.text);
    assert.equal(me.body.role, 'admin');
    const t = Date.now();
    const r = await admin.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, {});
    assert.equal(r.status, 202, r.text);
    await until(
      'the session to be ready',
      async () => {
        session = (await admin.call<SessionView>('GET', `/api/sessions/${r.body.id}`)).body;
        assert.notEqual(session.status, 'failed', `session failed: ${JSON.stringify(session)}`);
        return session.status === 'ready';
      },
      8 * 60_000,
    ).catch(async (e: Error) => assert.fail(`${e.message}\n${(await compose(['logs', '--tail', '40'], 30_000)).stdout}`));
    times.firstCluster = seconds(t);
    // the cluster's network and node are in the HOST's engine, labelled with files in the volume
    const clusters = await ourClusters();
    assert.equal(clusters.length, 1, JSON.stringify(clusters));
    clusterName = clusters[0]!.name;
    assert.equal(clusters[0]!.root, path.join(dataDir, 'kind-clusters', clusterName));
    const node = (await engine('GET', `/v1.40/containers/${clusterName}-control-plane/json`)).body;
    assert.equal(node.State?.Status, 'running');
    // the tmpfs Batten mounted in its container reached the host (rshared), so the node wrote
    // its static-pod manifests into the very directory Batten and the learner see
    const etc = path.join(clusters[0]!.root, 'etc-kubernetes');
    assert.ok(mountsUnder(etc).includes(etc), `no tmpfs at ${etc} on the host`);
    assert.match(readFileSync(path.join(etc, 'manifests', 'kube-apiserver.yaml'), 'utf8'), /kube-apiserver/);
  });

  test("the learner's shell (bubblewrap inside the Batten container) reaches its kind cluster and sees the node's files", async () => {
    const term = await SocketTerminal.open(admin, session.id);
    try {
      const nodes = await term.run('kubectl get nodes --no-headers', 60_000);
      assert.equal(nodes.code, 0, nodes.output);
      assert.match(nodes.output, new RegExp(`^${clusterName}-control-plane\\s+Ready\\s`, 'm'));
      const manifest = await term.run('grep -c -- --secure-port= /etc/kubernetes/manifests/kube-apiserver.yaml');
      assert.equal(manifest.output, '1');
    } finally {
      term.close();
    }
  });

  test('`down -v` removes the container, the kind cluster, the volume and every mount; the host sysctls are unchanged', async () => {
    ok(await compose(['down', '-v', '--timeout', '180'], 240_000), 'docker-compose down -v');
    assert.ok(clusterName, 'no kind cluster was made');
    const containers = (await engine('GET', `/v1.40/containers/json?all=true`)).body as { Names: string[]; Labels?: Record<string, string> }[];
    const left = containers.filter((c) => c.Labels?.['com.docker.compose.project'] === PROJECT || c.Labels?.['io.x-k8s.kind.cluster'] === clusterName).map((c) => c.Names.join(','));
    assert.deepEqual(left, []);
    assert.deepEqual(await ourClusters(), [], 'kind networks of the compose project');
    const nets = (await engine('GET', '/v4.0.0/libpod/networks/json')).body as { name: string }[];
    assert.deepEqual(nets.map((n) => n.name).filter((n) => n.startsWith(PROJECT) || n === clusterName), []);
    // kind's node keeps /var in an anonymous volume labelled with the node's name
    const vols = (await engine('GET', '/v4.0.0/libpod/volumes/json')).body as { Name: string; Labels?: Record<string, string> }[];
    assert.deepEqual(vols.filter((v) => v.Name === VOLUME || v.Labels?.[`${clusterName}-control-plane`] !== undefined).map((v) => v.Name), []);
    assert.deepEqual(mountsUnder(path.dirname(dataDir)), []);
    assert.equal(existsSync(path.dirname(dataDir)), false, `${path.dirname(dataDir)} is still there`);
    assert.deepEqual(readSysctls(), sysctlsBefore);
  });
});
