import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { Cluster, ScriptOptions } from '../clusters/provider.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import { applyManifests, applySetup, outputTail } from './apply.ts';
import type { LoadedExercise, Manifest } from './loader.ts';

/** A cluster that records the scripts it runs; `fail` names a script that exits 3. */
function scriptCluster(fail?: string) {
  const ran: { script: string; env?: Readonly<Record<string, string>> }[] = [];
  const cluster = {
    endpoint: { server: 'https://127.0.0.1:1', caPem: '' },
    credentials: () => ({ certPem: '', keyPem: '' }),
    runScript: async (script: string, o?: ScriptOptions) => {
      ran.push({ script, env: o?.env });
      return script.endsWith(fail ?? '\0') ? { code: 3, output: 'one\ntwo\nError from server (Forbidden): nope\n' } : { code: 0, output: '' };
    },
  } as unknown as Cluster;
  return { cluster, ran };
}

const exercise = (scripts: string[]) => ({ name: 'ex', dir: '/x/exercises/ex', setup: [], setupScripts: scripts, scriptEnv: { ns: 'shop' } }) as unknown as LoadedExercise;

test('setup scripts run in order as given, with the parameters as their environment', async () => {
  const { cluster, ran } = scriptCluster();
  await applySetup(exercise(['/x/exercises/ex/setup/10-a.sh', '/x/exercises/ex/setup/20-b.sh']), cluster);
  assert.deepEqual(ran, [
    { script: '/x/exercises/ex/setup/10-a.sh', env: { ns: 'shop' } },
    { script: '/x/exercises/ex/setup/20-b.sh', env: { ns: 'shop' } },
  ]);
});

test('a failing setup script stops the setup with its name and the tail of its output', async () => {
  const { cluster, ran } = scriptCluster('10-a.sh');
  await assert.rejects(applySetup(exercise(['/x/exercises/ex/setup/10-a.sh', '/x/exercises/ex/setup/20-b.sh']), cluster), (e: Error) => {
    assert.match(e.message, /^setup script ex\/setup\/10-a.sh exited with 3: one \| two \| Error from server \(Forbidden\): nope/);
    return true;
  });
  assert.equal(ran.length, 1, 'the later script does not run');
  assert.equal(outputTail('  \n'), '(no output)');
});

/** A client whose objects become what `states` lists, one state per read. */
function fakeKube(states: Record<string, unknown[]>): KubeClient {
  return {
    apply: async () => ({ status: 201, body: '' }),
    get: async (_v: string, kind: string) => {
      const list = states[kind] ?? [];
      return list.length > 1 ? list.shift() : list[0];
    },
  } as unknown as KubeClient;
}
const manifest = (apiVersion: string, kind: string): Manifest => ({ file: 'ex/setup/a.yaml', index: 0, object: { apiVersion, kind, metadata: { name: 'x', namespace: 'ci' } } });

test('the setup waits for a bare Pod to be ready and a Job to complete', async () => {
  const kube = fakeKube({
    Pod: [undefined, { metadata: {}, status: { phase: 'Pending' } }, { metadata: {}, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }],
    Job: [{ metadata: {}, status: {} }, { metadata: {}, status: { succeeded: 1 } }],
  });
  await applyManifests(kube, [manifest('v1', 'Pod'), manifest('batch/v1', 'Job')], { fieldManager: 't', readyTimeoutMs: 5000 });
  const stuck = fakeKube({ Job: [{ metadata: {}, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] } }] });
  await assert.rejects(applyManifests(stuck, [manifest('batch/v1', 'Job')], { fieldManager: 't', readyTimeoutMs: 300 }), /Job ci\/x from ex\/setup\/a.yaml did not become ready: Job ci\/x has failed \(BackoffLimitExceeded\)/);
});
