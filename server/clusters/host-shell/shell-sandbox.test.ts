import assert from 'node:assert/strict';
import { test } from 'vitest';
import { terminalSandbox } from './shell-sandbox.ts';

const { options: args, command } = terminalSandbox({ bashrc: '/d/bashrc', etcKubernetes: '/c/etc', varLogKubernetes: '/c/log', apiServerLog: '/c/private/logs/kube-apiserver.log', apiSocket: '/c/run/api.sock', kubeconfig: '/d/kubeconfig', kubectl: '/b/kubectl', forward: '/b/batten-forward' });
const s = args.join(' ');

test('every namespace is new and no capability is kept', () => {
  assert.ok(args.includes('--unshare-all'));
  assert.match(s, /--cap-drop ALL/);
  assert.ok(args.includes('--die-with-parent'));
});

test('the system is read-only and the host root is never bound', () => {
  assert.match(s, /--ro-bind \/usr \/usr/);
  assert.doesNotMatch(s, /--(ro-)?bind \/ \//);
  assert.doesNotMatch(s, /--bind \/usr/);
});

test('the only writable host directories are the node files; home and /tmp are in memory', () => {
  const writable = args.flatMap((a, i) => (a === '--bind' ? [args[i + 2]] : []));
  assert.deepEqual(writable, ['/etc/kubernetes', '/var/log/kubernetes']);
  assert.match(s, /--tmpfs \/root/);
  assert.match(s, /--tmpfs \/tmp/);
});

test('the way out is the API socket, bridged to 127.0.0.1:6443', () => {
  assert.match(s, /--ro-bind \/c\/run\/api.sock \/run\/batten\/api.sock/);
  assert.match(command.join(' '), /batten-forward tcp:127.0.0.1:6443=\/run\/batten\/api.sock/);
});

test("the API server's log is shown read-only over the writable log directory", () => {
  assert.match(s, /--ro-bind \/c\/private\/logs\/kube-apiserver.log \/var\/log\/kubernetes\/kube-apiserver.log/);
  assert.ok(s.indexOf('kube-apiserver.log') > s.indexOf('--bind /c/log /var/log/kubernetes'), 'bound after (over) the directory');
});

test('the command line names no host path (options go through --args)', () => {
  assert.doesNotMatch(command.join(' '), /\/c\/|\/d\/|\/b\//);
});
