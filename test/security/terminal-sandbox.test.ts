import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { MASKED } from '../../server/host/proc-mask.ts';
import type { EmbeddedCluster } from '../../server/clusters/embedded/embedded-cluster.ts';
import type { Cluster } from '../../server/clusters/provider.ts';
import type { TerminalSession } from '../../server/terminal/terminal-session.ts';
import { eventually, testConfig, testProvider } from '../support/clusters.ts';
import { spawnServer } from '../support/server.ts';
import { openTerminal, run } from '../support/terminal.ts';

/** Run from inside a learner's terminal: what the sandbox must never allow. */
describe("a learner's terminal is a sandbox", () => {
  const cfg = testConfig();
  const provider = testProvider(cfg);
  let mine: Cluster;
  let other: Cluster;
  let term: TerminalSession;
  let server: ReturnType<typeof spawnServer>;
  let serverPort = 0;

  beforeAll(async () => {
    [mine, other] = await Promise.all([provider.create(), provider.create()]);
    term = await openTerminal(mine, { pids: 64, memoryMB: 256 });
    writeFileSync(path.join(cfg.BATTEN_DATA_DIR, 'secret.txt'), 'the scores');
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    serverPort = (probe.address() as net.AddressInfo).port;
    await new Promise((r) => probe.close(r));
    server = spawnServer({ PORT: String(serverPort), POOL_SIZE: '0', BATTEN_DATA_DIR: cfg.BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
    await eventually('the platform to listen', async () => (await fetch(`http://127.0.0.1:${serverPort}/healthz`)).ok, 30_000);
    await eventually('the shell prompt', async () => (await run(term, 'true', 5000)).code === 0, 20_000);
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    await term?.dispose();
    await Promise.all([mine?.dispose(), other?.dispose()]);
  });

  test('kubectl (and the k alias) reach its own API server at 127.0.0.1:6443', async () => {
    const r = await run(term, 'kubectl get nodes -o name && k get ns default -o name');
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /node\/node-1/);
    assert.match(r.output, /namespace\/default/);
  });

  test("the node's control-plane files are where kubeadm puts them", async () => {
    const r = await run(term, 'grep -c -- --secure-port=6443 /etc/kubernetes/manifests/kube-apiserver.yaml && ls /var/log/kubernetes');
    assert.equal(r.code, 0, r.output);
    assert.match(r.output, /kube-apiserver\.log/);
  });

  test("cannot read the server's data directory or database", async () => {
    assert.ok(existsSync(path.join(cfg.BATTEN_DATA_DIR, 'batten.db')), 'the platform database exists on the host');
    const r = await run(term, `ls ${cfg.BATTEN_DATA_DIR} || cat ${path.join(cfg.BATTEN_DATA_DIR, 'secret.txt')} ${path.join(cfg.BATTEN_DATA_DIR, 'batten.db')}`);
    assert.notEqual(r.code, 0);
    assert.match(r.output, /No such file or directory/);
    assert.doesNotMatch(r.output, /the scores/);
    const cache = await run(term, 'ls -A /root');
    assert.doesNotMatch(cache.output, /\.cache|\.local/, 'the host home is not there');
  });

  test('cannot see host processes', async () => {
    const r = await run(term, 'ps -eo comm=');
    assert.equal(r.code, 0);
    assert.doesNotMatch(r.output, /node|kube-apiserver|etcd|kwok/);
    assert.ok(r.output.split('\n').length < 10, r.output);
  });

  test("has no network but loopback, and cannot reach another learner's API server or the platform", async () => {
    const routes = await run(term, 'cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -d " "');
    assert.equal(routes.output.trim(), 'lo');
    const otherPort = new URL(other.endpoint.server).port;
    for (const port of [otherPort, String(serverPort)]) {
      assert.ok((await fetch(`http://127.0.0.1:${serverPort}/healthz`)).ok, 'the platform is up on the host');
      const r = await run(term, `timeout 3 bash -c 'echo > /dev/tcp/127.0.0.1/${port}' 2>&1`);
      assert.notEqual(r.code, 0, `port ${port} reachable: ${r.output}`);
      assert.match(r.output, /Connection refused/);
    }
    const sock = await run(term, `ls ${path.dirname((other as EmbeddedCluster).apiSocket)}`);
    assert.notEqual(sock.code, 0, "the other cluster's socket is not in the sandbox");
  });

  test('cannot write outside its home, and nothing it writes reaches the host', async () => {
    for (const target of ['/usr/bin/pwned', '/etc/passwd', '/opt/batten/bin/kubectl']) {
      const r = await run(term, `echo x >> ${target}`);
      assert.notEqual(r.code, 0, target);
      assert.match(r.output, /Read-only file system|Permission denied/);
    }
    assert.equal((await run(term, 'echo x > /tmp/batten-sandbox-leak && echo x > ~/notes')).code, 0);
    assert.equal(existsSync('/tmp/batten-sandbox-leak'), false);
  });

  test("cannot change the host kernel's settings through /proc (uid 0 inside is uid 0 outside)", async () => {
    const before = readFileSync('/proc/sys/kernel/core_pattern', 'utf8');
    const write = await run(term, `cur=$(cat /proc/sys/kernel/core_pattern); printf '%s' "$cur" > /proc/sys/kernel/core_pattern && echo WROTE`);
    assert.doesNotMatch(write.output, /WROTE/);
    assert.match(write.output, /Read-only file system/);
    assert.equal(readFileSync('/proc/sys/kernel/core_pattern', 'utf8'), before);
    const writable = await run(term, "find /proc -maxdepth 4 \\( -path '/proc/[0-9]*' -o -path /proc/self -o -path /proc/thread-self \\) -prune -o -type f -writable -print 2>/dev/null");
    assert.equal(writable.output, '', `writable host files under /proc:\n${writable.output}`);
  });

  test("reads the host's root-only kernel tables under /proc as empty", async () => {
    const present = MASKED.filter((p) => existsSync(p));
    assert.ok(present.includes('/proc/keys'), 'this kernel has /proc/keys, so the test checks something');
    for (const p of present) {
      const r = await run(term, `wc -c < ${p}`);
      assert.equal(r.output.trim(), '0', `${p} in the sandbox: ${r.output}`);
    }
  });

  test('open files are capped, and the cap cannot be raised', async () => {
    assert.equal((await run(term, 'ulimit -Hn')).output, '1024');
    assert.notEqual((await run(term, 'ulimit -n 100000')).code, 0);
  });

  test('a memory hog is killed inside the sandbox', async () => {
    const r = await run(term, 'head -c 600M /dev/zero | tail > /dev/null', 60_000);
    assert.notEqual(r.code, 0);
    assert.equal((await run(term, 'echo alive')).output, 'alive');
  });

  test('a fork bomb is contained by the process limit, and the host is unaffected', async () => {
    await run(term, "bash -c ':(){ :|:& };:' 2>/dev/null; true", 30_000);
    const inSandbox = (await term.pids()).length;
    assert.ok(inSandbox <= 64, `processes in the sandbox: ${inSandbox}`);
    assert.equal(spawnSync('true').status, 0, 'the host still forks');
    assert.ok((await fetch(`http://127.0.0.1:${serverPort}/healthz`)).ok, 'the platform still answers');
  });

  test('dispose kills every process of the sandbox', async () => {
    const before = await term.pids();
    assert.ok(before.length > 0);
    await term.dispose();
    assert.deepEqual(await term.pids(), []);
    await eventually('every process to be gone (and reaped)', async () => before.every((pid) => !existsSync(`/proc/${pid}`)), 5_000);
  });
});

describe('terminal lifecycle', () => {
  test('reattach replays recent output; output is flow-controlled; an idle shell ends', async () => {
    const cluster = await testProvider().create();
    try {
      let ended = '';
      const term = await openTerminal(cluster, { idleMs: 3000, onExit: (why) => (ended = why) });
      await eventually('the shell prompt', async () => (await run(term, 'true', 5000)).code === 0, 20_000);
      await run(term, 'echo remember-me');
      const { replay, detach } = term.attach(() => undefined);
      detach();
      assert.match(replay, /remember-me/);

      // a client that never acknowledges: the pty is paused, server memory stays bounded
      const slow = term.attach(() => undefined);
      term.write('yes batten | head -c 20000000\n');
      await eventually('output to pause', async () => term.paused, 10_000);
      slow.detach();
      const fast = term.attach((d) => term.ack(d.length));
      await eventually('output to resume', async () => !term.paused, 10_000);
      fast.detach();

      await eventually('the idle shell to end', async () => ended !== '', 30_000);
      assert.equal(ended, 'idle');
      assert.deepEqual(await term.pids(), []);
    } finally {
      await cluster.dispose();
    }
  });
});
