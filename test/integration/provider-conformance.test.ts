import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { ClusterPool } from '../../server/clusters/pool.ts';
import type { Cluster, ClusterProvider } from '../../server/clusters/provider.ts';
import { apiRequest } from '../../server/kube/api-client.ts';
import type { TerminalSession } from '../../server/terminal/terminal-session.ts';
import { eventually, kubectl, tempDir, testProvider } from '../support/clusters.ts';
import { openTerminal, run } from '../support/terminal.ts';

/**
 * The contract every cluster provider keeps, through the provider-neutral interface only
 * (`Cluster`, `ClusterProvider`, the terminal relay). Each provider this machine can run
 * is listed here and passes the same suite.
 */
const PROVIDERS: { name: string; make: () => ClusterProvider }[] = [{ name: 'embedded', make: () => testProvider() }];

const anonymousStatus = async (c: Cluster, p: string) => (await apiRequest({ server: c.endpoint.server, caPem: c.endpoint.caPem }, 'GET', p)).status;

/** A script in its own folder, as an exercise's solution or cheat is. */
function script(body: string): string {
  const file = path.join(tempDir('batten-script-'), 'run.sh');
  writeFileSync(file, body);
  return file;
}

for (const { name, make } of PROVIDERS) {
  describe(`provider ${name}`, () => {
    const provider = make();
    const clusters: Cluster[] = [];
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
      await eventually('anonymous requests to be refused', async () => (await anonymousStatus(c!, '/readyz')) === 401, 60_000);
      assert.equal((await c!.runScript(script(`sed -i '/--anonymous-auth=false/d' ${manifest}\n`))).code, 0);
      await eventually('anonymous /readyz to answer again', async () => (await anonymousStatus(c!, '/readyz')) === 200, 60_000);
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
