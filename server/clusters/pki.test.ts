import assert from 'node:assert/strict';
import { X509Certificate, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { test } from 'vitest';
import { generatePki } from './pki.ts';

test('every certificate is issued by the cluster CA, with the names Kubernetes reads', async () => {
  const pki = await generatePki('t1');
  const ca = new X509Certificate(pki.ca.certPem);
  assert.ok(ca.ca);
  const server = new X509Certificate(pki.apiServer.certPem);
  assert.ok(server.verify(ca.publicKey));
  assert.ok(server.checkIP('127.0.0.1'));
  assert.ok(server.checkHost('kubernetes.default.svc'));
  const checker = new X509Certificate(pki.clients.checker.certPem);
  assert.ok(checker.verify(ca.publicKey));
  assert.match(checker.subject, /CN=batten:checker/);
  assert.match(checker.subject, /O=system:masters/);
  assert.ok(checker.keyUsage?.includes('1.3.6.1.5.5.7.3.2'), 'clientAuth');
  assert.ok(new X509Certificate(pki.clients.scheduler.certPem).subject.includes('CN=system:kube-scheduler'));
});

test('two clusters never share a CA', async () => {
  const [a, b] = await Promise.all([generatePki('a'), generatePki('b')]);
  const bCa = new X509Certificate(b.ca.certPem);
  assert.equal(new X509Certificate(a.clients.learner.certPem).verify(bCa.publicKey), false);
});

test('the service-account key pair signs and verifies', async () => {
  const pki = await generatePki('sa');
  const data = Buffer.from('token');
  const sig = sign('sha256', data, createPrivateKey(pki.serviceAccount.privatePem));
  assert.ok(verify('sha256', data, createPublicKey(pki.serviceAccount.publicPem), sig));
});
