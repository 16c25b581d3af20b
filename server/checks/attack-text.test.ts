import assert from 'node:assert/strict';
import { test } from 'vitest';
import { attackLines } from './attack-text.ts';

const worked = { request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 200 OK' };
const refused = { request: 'GET /api/v1/secrets as anonymous', response: 'HTTP 401 Unauthorized' };

test('a transcript reads as before and now once the attack stopped working', () => {
  assert.deepEqual(attackLines({ now: [refused], before: [worked] }), ['before: GET /api/v1/secrets as anonymous → HTTP 200 OK', 'now:    GET /api/v1/secrets as anonymous → HTTP 401 Unauthorized']);
});

test('while the attack works, one transcript; none when the probes replay no attack', () => {
  assert.deepEqual(attackLines({ now: [worked], before: [worked] }), ['attack: GET /api/v1/secrets as anonymous → HTTP 200 OK']);
  assert.deepEqual(attackLines(undefined), []);
});
