import assert from 'node:assert/strict';
import { test } from 'vitest';
import { bwrapOptions } from './confine.ts';

test('a confined process gets no capabilities, an empty environment and only its binds', () => {
  const { options, command } = bwrapOptions(
    { binary: '/cache/etcd', binaryPath: '/usr/local/bin/etcd', binds: [{ host: '/c/x/etcd', sandbox: '/var/lib/etcd', writable: true }, { host: '/c/x/pki', sandbox: '/pki' }] },
    ['--name=x'],
  );
  const s = options.join(' ');
  assert.match(s, /--cap-drop ALL/);
  assert.match(s, /--clearenv/);
  assert.match(s, /--die-with-parent/);
  assert.match(s, /--unshare-pid/);
  assert.match(s, /--bind \/c\/x\/etcd \/var\/lib\/etcd/);
  assert.match(s, /--ro-bind \/c\/x\/pki \/pki/);
  assert.doesNotMatch(s, /--ro-bind \/ \//, 'the host root is never bound');
  assert.deepEqual(command, ['/usr/local/bin/etcd', '--name=x'], 'the command line names no host path');
});
