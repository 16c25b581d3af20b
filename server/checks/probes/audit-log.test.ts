import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, test } from 'vitest';
import { ClusterError } from '../../clusters/errors.ts';
import type { KubeClient } from '../../kube/kube-client.ts';
import type { ProbeContext } from '../probe.ts';
import { auditLog, findAuditEvents, judge } from './audit-log.ts';

const VALUE = 'Y29ycmVjdC1ob3JzZQ==';
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A node whose /var/log/kubernetes is a temp dir, and an API server that answers `status`
 * and writes the request's events at `level` (with the Secret in the response at
 * RequestResponse) to audit/audit.log, as kube-apiserver's log backend does. */
function fakeNode(o: { level?: string; status?: number; write?: boolean; nodeFiles?: boolean } = {}) {
  const varLog = mkdtempSync(path.join(tmpdir(), 'batten-audit-'));
  dirs.push(varLog);
  mkdirSync(path.join(varLog, 'audit'));
  const file = path.join(varLog, 'audit', 'audit.log');
  const kube = {
    request: async (_method: string, p: string, r: { headers?: Record<string, string> } = {}) => {
      const id = r.headers?.['audit-id'];
      assert.ok(id, 'the probe names its request with an Audit-ID header');
      if (o.write !== false && o.level !== 'None') {
        const base = { kind: 'Event', auditID: id, level: o.level ?? 'Metadata', verb: 'get', requestURI: p };
        appendFileSync(file, `${JSON.stringify({ auditID: 'other', level: 'RequestResponse', responseObject: { data: { password: VALUE } } })}\n`);
        appendFileSync(file, `${JSON.stringify({ ...base, stage: 'RequestReceived' })}\n`);
        const body = o.level === 'RequestResponse' ? { responseObject: { kind: 'Secret', data: { password: VALUE } } } : {};
        appendFileSync(file, `${JSON.stringify({ ...base, stage: 'ResponseComplete', ...body })}\n`);
      }
      return { status: o.status ?? 200, body: '', json: () => ({}) };
    },
  } as unknown as KubeClient;
  const ctx = {
    kube,
    anonymous: { server: 'https://127.0.0.1:1', caPem: '' },
    capabilities: ['api', 'nodes'],
    ...(o.nodeFiles === false ? {} : { nodeFiles: { etcKubernetes: varLog, varLogKubernetes: varLog, apiServerManifest: '' } }),
  } as ProbeContext;
  return { ctx, file, varLog };
}

const spec = (s: Record<string, unknown> = {}) =>
  auditLog.schema.parse({
    path: '/var/log/kubernetes/audit/audit.log',
    do: { verb: 'get', resource: 'secrets', namespace: 'bank', name: 'db-credentials' },
    expectLevel: 'Metadata',
    mustNotContain: [VALUE],
    waitMs: 300,
    ...s,
  });

test('a Secret read recorded at Metadata, without its value, holds', async () => {
  const { ctx, file } = fakeNode({ level: 'Metadata' });
  writeFileSync(file, '');
  const v = await auditLog.evaluate(ctx, spec());
  assert.equal(v.ok, true, v.detail);
  assert.match(v.detail, /at level Metadata/);
});

test('a Secret read recorded at RequestResponse leaks its value and fails', async () => {
  const { ctx, file } = fakeNode({ level: 'RequestResponse' });
  writeFileSync(file, '');
  const v = await auditLog.evaluate(ctx, spec());
  assert.equal(v.ok, false);
  assert.match(v.detail, /with its content/);
});

test('the value elsewhere in the log is not this request’s leak; a wrong level still fails', async () => {
  const { ctx, file } = fakeNode({ level: 'Request' });
  writeFileSync(file, '');
  const v = await auditLog.evaluate(ctx, spec());
  assert.equal(v.ok, false);
  assert.match(v.detail, /at level Request; expected Metadata/);
});

test('a read the policy drops (level None) or no log at all fails', async () => {
  const none = fakeNode({ level: 'None' });
  writeFileSync(none.file, '');
  assert.match((await auditLog.evaluate(none.ctx, spec())).detail, /does not record/);
  const missing = fakeNode({ write: false });
  const v = await auditLog.evaluate(missing.ctx, spec());
  assert.equal(v.ok, false);
  assert.match(v.detail, /no audit log/);
});

test('a read the application cannot make any more fails', async () => {
  const { ctx, file } = fakeNode({ status: 403 });
  writeFileSync(file, '');
  const v = await auditLog.evaluate(ctx, spec());
  assert.equal(v.ok, false);
  assert.match(v.detail, /HTTP 403/);
});

test('a log in the legacy text format is not read as JSON', () => {
  const found = findAuditEvents('2026-01-01T00:00:00Z AUDIT: id="abc" stage="ResponseComplete"\n', 'abc', []);
  assert.deepEqual(judge(found, ['Metadata'], 'the read', 'audit.log').ok, false);
  assert.match(judge(found, ['Metadata'], 'the read', 'audit.log').detail, /not as a JSON audit event/);
});

test('a symbolic link or a FIFO in place of the log, or no node files, is unknown, never met', async () => {
  const link = fakeNode({ write: false });
  writeFileSync(path.join(link.varLog, 'real.log'), '');
  symlinkSync(path.join(link.varLog, 'real.log'), link.file);
  await assert.rejects(auditLog.evaluate(link.ctx, spec()), (e) => e instanceof ClusterError && /symbolic link/.test(e.message));

  const fifo = fakeNode({ write: false });
  execFileSync('mkfifo', [fifo.file]);
  await assert.rejects(auditLog.evaluate(fifo.ctx, spec()), (e) => e instanceof ClusterError && /not a regular file/.test(e.message));

  const dirLink = fakeNode({ write: false });
  rmSync(path.join(dirLink.varLog, 'audit'), { recursive: true });
  symlinkSync('/etc', path.join(dirLink.varLog, 'audit'));
  await assert.rejects(auditLog.evaluate(dirLink.ctx, spec()), (e) => e instanceof ClusterError && /not a directory/.test(e.message));

  const none = fakeNode({ nodeFiles: false });
  await assert.rejects(auditLog.evaluate(none.ctx, spec()), ClusterError);
});

test('the path must be a file under /var/log/kubernetes', () => {
  for (const p of ['/etc/kubernetes/audit.log', '/var/log/kubernetes/../../etc/shadow', '/var/log/kubernetes/', 'audit.log'])
    assert.equal(auditLog.schema.safeParse({ path: p, do: { resource: 'secrets', namespace: 'x' }, expectLevel: 'Metadata' }).success, false, p);
});
