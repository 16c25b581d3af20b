import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, test } from 'vitest';
import { escapeControl, openOwnLogSync, readLearnerFile } from './learner-files.ts';
import { closeSync } from 'node:fs';

const root = mkdtempSync(path.join(os.tmpdir(), 'batten-learner-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const host = mkdtempSync(path.join(os.tmpdir(), 'batten-host-'));
afterAll(() => rmSync(host, { recursive: true, force: true }));
writeFileSync(path.join(host, 'secret'), 'host secret\n');
mkdirSync(path.join(root, 'manifests'));

test('a regular file is read', async () => {
  writeFileSync(path.join(root, 'manifests', 'ok.yaml'), 'hello');
  assert.deepEqual(await readLearnerFile(root, 'manifests/ok.yaml', 100), { ok: true, text: 'hello' });
});

test('a missing file is reported as missing', async () => {
  const r = await readLearnerFile(root, 'manifests/none.yaml', 100);
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.missing, true);
});

test('a symlink to a host file is refused, and nothing of the host file is returned', async () => {
  symlinkSync(path.join(host, 'secret'), path.join(root, 'manifests', 'link.yaml'));
  const r = await readLearnerFile(root, 'manifests/link.yaml', 100);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /symbolic link/);
  assert.doesNotMatch(JSON.stringify(r), /host secret/);
});

test('a directory on the way replaced by a symlink is refused', async () => {
  symlinkSync(host, path.join(root, 'swapped'));
  const r = await readLearnerFile(root, 'swapped/secret', 100);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /not a directory/);
});

test('a FIFO is refused at once instead of blocking', async () => {
  execFileSync('mkfifo', [path.join(root, 'manifests', 'fifo.yaml')]);
  const r = await readLearnerFile(root, 'manifests/fifo.yaml', 100);
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.reason : '', /not a regular file/);
});

test('a directory and a file over the cap are refused', async () => {
  mkdirSync(path.join(root, 'manifests', 'dir.yaml'));
  assert.match(JSON.stringify(await readLearnerFile(root, 'manifests/dir.yaml', 100)), /not a regular file/);
  writeFileSync(path.join(root, 'manifests', 'big.yaml'), 'x'.repeat(101));
  assert.match(JSON.stringify(await readLearnerFile(root, 'manifests/big.yaml', 100)), /at most 100/);
});

test('a path that climbs out of the root is refused', async () => {
  assert.match(JSON.stringify(await readLearnerFile(root, '../../etc/passwd', 10_000)), /outside/);
});

test('control characters in learner text become visible escapes', () => {
  assert.equal(escapeControl('a\nb\r\x1b[2Jc\u202e'), 'a\\nb\\r\\u001b[2Jc\\u202e');
  assert.equal(escapeControl('plain --flag=value'), 'plain --flag=value');
});

test("the platform's own log is never opened through a symlink or as a FIFO", () => {
  symlinkSync(path.join(host, 'secret'), path.join(root, 'own.log'));
  assert.throws(() => openOwnLogSync(path.join(root, 'own.log')), /ELOOP/);
  execFileSync('mkfifo', [path.join(root, 'fifo.log')]);
  assert.throws(() => openOwnLogSync(path.join(root, 'fifo.log')), /not a regular file|ENXIO/);
  closeSync(openOwnLogSync(path.join(root, 'real.log')));
});
