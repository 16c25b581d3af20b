import assert from 'node:assert/strict';
import { test } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

test('a password verifies against its scrypt hash, a wrong one does not', async () => {
  const h = await hashPassword('correct horse battery');
  assert.match(h, /^scrypt\$32768\$8\$1\$/);
  assert.equal(await verifyPassword('correct horse battery', h), true);
  assert.equal(await verifyPassword('wrong horse battery', h), false);
  assert.notEqual(await hashPassword('correct horse battery'), h, 'salted');
});

test('a malformed stored hash never verifies', async () => {
  assert.equal(await verifyPassword('x', 'plain'), false);
});

test('password rules', () => {
  assert.match(passwordProblem('short') ?? '', /at least 10/);
  assert.equal(passwordProblem('long enough password'), undefined);
});
