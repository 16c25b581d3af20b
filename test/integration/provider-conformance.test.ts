import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { ClusterPool } from '../../server/clusters/pool.ts';
import type { Cluster, ClusterProvider } from '../../server/clusters/provider.ts';
import { apiRequest } from '../../server/kube/api-client.ts';
import type { TerminalSession } from '../../server/terminal/terminal-session.ts';
import { kindBuilt } from '../../server/clusters/create-provider.ts';
import { eventually, kubectl, tempDir, testConfig, testProvider } from '../support/clusters.ts';
import { openTerminal, run } from '../support/terminal.ts';

/**
 * The contract every cluster provider keeps, through the provider-neutral interface only
 * (`Cluster`, `ClusterProvider`, the terminal relay). Each provider this machine can run
 * is listed here and passes the same suite.
 */
const kindCfg = testConfig({ CLUSTER_PROVIDER: 'kind' });
const PROVIDERS: { name: string; make: () => ClusterProvider; missing?: string }[] = [
  { name: 'embedded', make: () => testProvider() },
  // built by `npm test` (setup --kind-if-possible) wherever the machine can run it
  { name: 'kind', make: () => testProvider(kindCfg), missing: kindBuilt(kindCfg) ? undefined : 'not built on this machine: run bin/batten setup --kind' },
];

const anonymousStatus = async (c: Cluster, p: string) => (await apiRequest({ server: c.endpoint.server, caPem: c.endpoint.caPem }, 'GET', p)).status;

/** Kernel settings a cluster's node or network could write on the host (kubelet,
 * systemd-sysctl and netavark all try on a privileged node); none may change. */
const SYSCTLS = [
  'kernel/panic', 'kernel/panic_on_oops', 'vm/overcommit_memory', 'vm/panic_on_oom', 'kernel/keys/root_maxkeys', 'kernel/keys/root_maxbytes',
  'kernel/pid_max', 'kernel/sysrq', 'kernel/core_pattern', 'kernel/kptr_restrict', 'kernel/dmesg_restrict', 'fs/protected_hardlinks',
  'fs/protected_symlinks', 'fs/protected_regular', 'fs/protected_fifos', 'fs/file-max', 'fs/nr_open', 'fs/inotify/max_user_instances',
  'fs/inotify/max_user_watches', 'vm/max_map_count', 'vm/swappiness', 'net/ipv4/ip_forward', 'net/ipv4/conf/all/forwarding',
  'net/ipv4/conf/all/route_localnet', 'net/ipv6/conf/all/forwarding', 'net/netfilter/nf_conntrack_max', 'net/bridge/bridge-nf-call-iptables',
];
function readSysctls(): Record<string, string> {
  const read = (k: string) => {
    try {
      return readFileSync(`/proc/sys/${k}`, 'utf8').trim();
    } catch {
      return '(absent)';
    }
  };
  return Object.fromEntries(SYSCTLS.map((k) => [k, read(k)]));
}

/** A script in its own folder, as an exercise's solution or cheat is. */
function script(body: string): string {
  const file = path.join(tempDir('batten-script-'), 'run.sh');
  writeFileSync(file, body);
  return file;
}

for (const { name, make, missing } of PROVIDERS) {
  describe.skipIf(missing)(`provider ${name}${missing ? ` (${missing})` : ''}`, () => {
    const provider = missing ? undefined! : make();
    const clusters: Cluster[] = [];
    const hostSysctls = readSysctls();
    let term: TerminalSession | undefined;
    const create = async () => {
      const c = await provider.create({ label: 'conformance' });
      clusters.push(c);
      return c;
    };
    afterAll(async () => {
      await term?.dispose();
      for (const c of clusters) await c.dispose();
    });

    test('creates a ready cluster with the capabilities the provider states, reachable by the learner and the checker', async () => {
      const c = await create();
      assert.deepEqual(c.capabilities, provider.capabilities);
      await c.waitReady(10_000);
      for (const as of ['learner', 'checker'] as const) assert.equal((await kubectl(c, ['get', 'ns', 'default', '-o', 'name'], { as })).stdout.trim(), 'namespace/default', as);
      assert.equal(await anonymousStatus(c, '/readyz'), 200);
      assert.equal(Boolean(c.nodeFiles), c.capabilities.includes('nodes'), 'node files exactly when the nodes capability is stated');
      assert.equal(typeof c.tryConnections === 'function', c.capabilities.includes('network'), 'real connections exactly when the network capability is stated');
    });

    test('a warm pool hands out a ready cluster, and disposes what it started', async () => {
      const pool = new ClusterPool({ provider, size: 1, maxConcurrentStarts: 1, idleMs: 60_000, maxLifetimeMs: 600_000 });
      try {
        await eventually('a warm cluster', async () => pool.stats().warm === 1, 120_000);
        const c = await pool.acquire();
        assert.equal(await anonymousStatus(c, '/readyz'), 200);
      } finally {
        await pool.dispose();
      }
    });

    test("the learner's shell reaches its own cluster and no other; scripts run as the learner", async () => {
      const [own] = clusters;
      const other = await create();
      await kubectl(own!, ['create', 'configmap', 'mine', '-n', 'default']);
      await kubectl(other, ['create', 'configmap', 'theirs', '-n', 'default']);
      term = await openTerminal(own!);
      await eventually('the shell prompt', async () => (await run(term!, 'true', 5000)).code === 0, 30_000);
      const seen = await run(term, 'kubectl get configmaps -n default -o name');
      assert.match(seen.output, /configmap\/mine/);
      assert.doesNotMatch(seen.output, /theirs/);
      const port = new URL(other.endpoint.server).port;
      const reach = await run(term, `timeout 3 bash -c 'echo > /dev/tcp/127.0.0.1/${port}' && echo REACHED`);
      assert.doesNotMatch(reach.output, /REACHED/, "the other cluster's API port is out of reach");

      const who = await own!.runScript(script('kubectl auth whoami -o jsonpath={.status.userInfo.username}\n'));
      assert.equal(who.code, 0, who.output);
      const learner = (await kubectl(own!, ['auth', 'whoami', '-o', 'jsonpath={.status.userInfo.username}'])).stdout;
      assert.equal(who.output.trim(), learner);
      const failing = await own!.runScript(script('kubectl get configmap nope -n default\n'));
      assert.notEqual(failing.code, 0, 'a failing script reports its exit code');
    });

    test('a control-plane manifest edit restarts the API server with the new flags (nodes capability)', async () => {
      const [c] = clusters;
      if (!c!.capabilities.includes('nodes')) return assert.equal(c!.nodeFiles, undefined);
      const manifest = '/etc/kubernetes/manifests/kube-apiserver.yaml';
      const add = await c!.runScript(script(`sed -i 's|^\\( *\\)- --allow-privileged=true|&\\n\\1- --anonymous-auth=false|' ${manifest}\ngrep -c -- --anonymous-auth=false ${manifest}\n`));
      assert.equal(add.code, 0, add.output);
      // a real kubelet notices the change and recreates the static pod: tens of seconds on kind
      await eventually('anonymous requests to be refused', async () => (await anonymousStatus(c!, '/readyz')) === 401, 180_000);
      assert.equal((await c!.runScript(script(`sed -i '/--anonymous-auth=false/d' ${manifest}\n`))).code, 0);
      await eventually('anonymous /readyz to answer again', async () => (await anonymousStatus(c!, '/readyz')) === 200, 180_000);
    });

    test('dispose leaves nothing on the host, and the API server is gone', async () => {
      const shellPids = await term!.pids();
      assert.ok(shellPids.length > 0);
      await term!.dispose();
      term = undefined;
      for (const c of clusters.splice(0)) {
        await c.dispose();
        await assert.rejects(anonymousStatus(c, '/readyz'));
      }
      assert.deepEqual(await provider.held(), []);
      assert.deepEqual(readSysctls(), hostSysctls, "the host's kernel settings are as they were before the first cluster");
      const alive = (p: number) => {
        try {
          return process.kill(p, 0);
        } catch {
          return false;
        }
      };
      await eventually('every shell process to be gone', async () => shellPids.every((p) => !alive(p)), 10_000);
    });
  });
}
