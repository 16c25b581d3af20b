import assert from 'node:assert/strict';
import { test } from 'vitest';
import type { KubeClient } from '../../kube/kube-client.ts';
import type { ExecRequest, ExecResult } from '../../kube/pod-exec.ts';
import { exitCodeOf } from '../../kube/pod-exec.ts';
import type { ProbeContext } from '../probe.ts';
import { exec } from './exec.ts';

/** A fake context: pods listed from memory, and an exec that answers from a table. The
 * real exec is tested on kind clusters (test/integration/kind-runtime.test.ts). */
function fakeContext(pods: { name: string; labels?: Record<string, string>; phase?: string; deleting?: boolean }[], answer: (r: ExecRequest) => ExecResult) {
  const calls: ExecRequest[] = [];
  const kube = {
    list: async () =>
      pods.map((p) => ({
        metadata: { name: p.name, namespace: 'shop', labels: p.labels, ...(p.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}) },
        spec: { containers: [{ name: 'main' }] },
        status: { phase: p.phase ?? 'Running' },
      })),
  } as unknown as KubeClient;
  const ctx: ProbeContext = {
    kube,
    anonymous: { server: 'https://127.0.0.1:1', caPem: '' },
    capabilities: ['api', 'runtime'],
    exec: async (r) => {
      calls.push(r);
      return answer(r);
    },
  };
  return { ctx, calls };
}
const spec = (s: Record<string, unknown>) => exec.schema.parse({ namespace: 'shop', command: ['sh', '-c', 'x'], ...s });

test('runs in every Running, not-deleting pod the selector matches, in its first container', async () => {
  const { ctx, calls } = fakeContext(
    [
      { name: 'web-a', labels: { app: 'web' }, phase: 'Pending' },
      { name: 'web-b', labels: { app: 'web' }, deleting: true },
      { name: 'web-d', labels: { app: 'web' } },
      { name: 'web-c', labels: { app: 'web' } },
      { name: 'db-a', labels: { app: 'db' } },
    ],
    () => ({ exitCode: 0, output: 'fine' }),
  );
  const v = await exec.evaluate(ctx, spec({ selector: { app: 'web' } }));
  assert.equal(v.ok, true);
  assert.deepEqual(calls.map((c) => [c.pod, c.container]), [['web-c', 'main'], ['web-d', 'main']]);
  assert.match(v.detail, /shop\/web-d \(one of 2 pods\).*exited 0 \(fine\)/);
});

test('a decoy pod that sorts first and passes cannot stand in for the application pod that fails', async () => {
  const { ctx } = fakeContext(
    [
      { name: '0-decoy', labels: { app: 'web' } },
      { name: 'web-1', labels: { app: 'web' } },
    ],
    (r) => (r.pod === '0-decoy' ? { exitCode: 1, output: 'no token' } : { exitCode: 0, output: 'eyJhbGciOi...' }),
  );
  const v = await exec.evaluate(ctx, spec({ selector: { app: 'web' }, expectExit: 'nonzero' }));
  assert.equal(v.ok, false);
  assert.match(v.attack!.request, /^in pod shop\/web-1 /);
});

test('more matching pods than the probe runs in is no answer, never a pass', async () => {
  const many = Array.from({ length: 9 }, (_, i) => ({ name: `web-${i}`, labels: { app: 'web' } }));
  const { ctx, calls } = fakeContext(many, () => ({ exitCode: 0, output: '' }));
  await assert.rejects(exec.evaluate(ctx, spec({ selector: { app: 'web' } })), /9 Running pods match shop\/app=web/);
  assert.equal(calls.length, 0);
});

test('no pod to run in is a failed verdict that asks for the application to keep running', async () => {
  const { ctx, calls } = fakeContext([{ name: 'web-a', labels: { app: 'web' }, phase: 'Failed' }], () => ({ exitCode: 0, output: '' }));
  const v = await exec.evaluate(ctx, spec({ selector: { app: 'web' } }));
  assert.equal(v.ok, false);
  assert.match(v.detail, /no Running pod shop\/app=web: the application must keep running/);
  assert.equal(calls.length, 0);
});

test('exit code and output both decide: nonzero, a pattern that must match, one that must not', async () => {
  const out = (o: string, code = 0) => fakeContext([{ name: 'p' }], () => ({ exitCode: code, output: o })).ctx;
  assert.equal((await exec.evaluate(out('', 2), spec({ pod: 'p', expectExit: 'nonzero' }))).ok, true);
  assert.equal((await exec.evaluate(out('', 0), spec({ pod: 'p', expectExit: 'nonzero' }))).ok, false);
  assert.equal((await exec.evaluate(out('', 3), spec({ pod: 'p', expectExit: 3 }))).ok, true);
  assert.equal((await exec.evaluate(out('x\ndone\n'), spec({ pod: 'p', outputMatches: '^done$', outputNotMatches: 'TOKEN' }))).ok, true);
  assert.equal((await exec.evaluate(out('TOKEN FOUND: /x\ndone\n'), spec({ pod: 'p', outputMatches: '^done$', outputNotMatches: 'TOKEN' }))).ok, false);
  // a command cut short (no "done") is not a pass, whatever it did not print
  assert.equal((await exec.evaluate(out('partial'), spec({ pod: 'p', outputMatches: '^done$', outputNotMatches: 'TOKEN' }))).ok, false);
});

test('a cluster without a runtime cannot answer: the probe throws (unknown), never passes', async () => {
  const { ctx } = fakeContext([{ name: 'p' }], () => ({ exitCode: 0, output: '' }));
  await assert.rejects(exec.evaluate({ ...ctx, exec: undefined, capabilities: ['api'] }, spec({ pod: 'p' })), /needs a container runtime/);
});

test('the spec names either a pod or a selector', () => {
  assert.throws(() => spec({}), /either pod or selector/);
  assert.throws(() => spec({ pod: 'p', selector: { a: 'b' } }), /either pod or selector/);
});

test("an exec's status gives the command's exit code, or none when it did not run", () => {
  assert.equal(exitCodeOf({ status: 'Success' }), 0);
  assert.equal(exitCodeOf({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } }), 3);
  assert.equal(exitCodeOf({ status: 'Failure', reason: 'InternalError', message: 'exec: no such file' }), undefined);
});
