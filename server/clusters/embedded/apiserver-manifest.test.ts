import assert from 'node:assert/strict';
import { test } from 'vitest';
import { FIXED_FLAGS, parseManifest, renderManifest, toArgv } from './apiserver-manifest.ts';

const edit = (from: string, to: string) => renderManifest().replace(from, to);
const errorsOf = (text: string) => {
  const r = parseManifest(text);
  assert.equal(r.ok, false, 'expected the manifest to be rejected');
  return r.ok ? '' : r.errors.join('\n');
};

test('the rendered manifest parses back to its flags', () => {
  const r = parseManifest(renderManifest({ 'anonymous-auth': 'false' }));
  assert.ok(r.ok);
  assert.equal(r.flags.get('anonymous-auth'), 'false');
  assert.equal(r.flags.get('secure-port'), '6443');
  assert.equal(r.flags.get('authorization-mode'), 'Node,RBAC');
});

test('argv is the flags as written', () => {
  const r = parseManifest(renderManifest());
  assert.ok(r.ok);
  assert.ok(toArgv(r.flags).includes('--secure-port=6443'));
});

test('an editable flag may be added, with a path inside /etc/kubernetes', () => {
  const r = parseManifest(edit('- --allow-privileged=true', '- --allow-privileged=true\n        - --encryption-provider-config=/etc/kubernetes/enc/enc.yaml'));
  assert.ok(r.ok, JSON.stringify(r));
  assert.equal(r.flags.get('encryption-provider-config'), '/etc/kubernetes/enc/enc.yaml');
});

test('a path outside the node directories is refused, also through ..', () => {
  const add = (flag: string) => edit('- --allow-privileged=true', `- --allow-privileged=true\n        - ${flag}`);
  assert.match(errorsOf(add('--audit-log-path=/etc/passwd')), /--audit-log-path=\/etc\/passwd: only files under \/etc\/kubernetes and \/var\/log\/kubernetes/);
  assert.match(errorsOf(add('--audit-policy-file=/etc/kubernetes/../shadow')), /only files under/);
  assert.match(errorsOf(add('--token-auth-file=relative.csv')), /absolute path/);
  assert.ok(parseManifest(add('--audit-log-path=/var/log/kubernetes/audit.log')).ok);
});

test('fixed flags cannot change or disappear', () => {
  assert.match(errorsOf(edit('--secure-port=6443', '--secure-port=7443')), /--secure-port is fixed at 6443/);
  assert.match(errorsOf(edit('--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-cert-file=/root/.ssh/id_rsa')), /--tls-cert-file is fixed/);
  assert.match(errorsOf(edit('- --etcd-servers=https://127.0.0.1:2379\n', '')), /--etcd-servers=https:\/\/127.0.0.1:2379 is required/);
});

test('flags off the allow-list are refused by name', () => {
  assert.match(errorsOf(edit('- --allow-privileged=true', '- --allow-privileged=true\n        - --authentication-token-webhook-config-file=/etc/kubernetes/x')), /--authentication-token-webhook-config-file is not available/);
  assert.match(errorsOf(edit('- --allow-privileged=true', '- --allow-privileged=true\n        - --cert-dir=/tmp')), /--cert-dir is not available/);
});

test('broken YAML names the line; a missing container and positional arguments are named', () => {
  assert.match(errorsOf(renderManifest().replace('kind: Pod', 'kind: [Pod')), /YAML error at line \d+/);
  assert.match(errorsOf(renderManifest().replace('- name: kube-apiserver', '- name: api')), /no container named kube-apiserver/);
  assert.match(errorsOf(edit('- --allow-privileged=true', '- --allow-privileged=true\n        - oops')), /"oops" is not of the form --flag=value/);
  assert.match(errorsOf(edit('- --allow-privileged=true', '- --allow-privileged=true\n        - --allow-privileged=false')), /--allow-privileged is given twice/);
});

test('every fixed flag shows in the rendered manifest', () => {
  const text = renderManifest();
  for (const [k, v] of Object.entries(FIXED_FLAGS)) assert.ok(text.includes(`--${k}=${v}`), k);
});

test('audit-log size and backups are capped, and the audit log cannot go to the node log', () => {
  const add = (flag: string) => edit('- --allow-privileged=true', `- --allow-privileged=true\n        - ${flag}`);
  assert.match(errorsOf(add('--audit-log-maxsize=100000')), /--audit-log-maxsize=100000: use a whole number from 0 to 100/);
  assert.match(errorsOf(add('--audit-log-maxbackup=1000')), /--audit-log-maxbackup=1000: use a whole number from 0 to 10/);
  assert.match(errorsOf(add('--audit-log-maxbackup=-1')), /whole number/);
  assert.match(errorsOf(add('--audit-log-path=-')), /audit log goes to a file/);
  assert.ok(parseManifest(add('--audit-log-maxsize=100')).ok);
});
