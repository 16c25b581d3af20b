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
  assert.equal(passwordProblem('pässwörd-ünïcode'), undefined);
  assert.equal(passwordProblem('🔑'.repeat(10)), undefined, 'ten characters, twenty UTF-16 units');
});

test('lone surrogates are refused: they all hash as U+FFFD, so they would collide', async () => {
  assert.match(passwordProblem('\ud800'.repeat(10)) ?? '', /surrogate/);
  assert.match(passwordProblem('long enough \udfff') ?? '', /surrogate/);
  const h = await hashPassword('\ud800'.repeat(10));
  assert.equal(await verifyPassword('\udfff'.repeat(10), h), true, 'why: both are ten U+FFFD once encoded');
});

test('characters are counted as they are hashed (NFKC, code points)', () => {
  assert.match(passwordProblem('e\u0301'.repeat(5)) ?? '', /at least 10/, 'five characters in ten UTF-16 units');
  assert.equal(passwordProblem('e\u0301'.repeat(10)), undefined);
});
