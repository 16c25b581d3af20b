import assert from 'node:assert/strict';
import { test } from 'vitest';
import { onePage, statusMeaning } from './request.ts';

test('a GET asks for one object: the status code is the same, the answer is not the whole collection', () => {
  assert.equal(onePage('GET', '/api/v1/secrets'), '/api/v1/secrets?limit=1');
  assert.equal(onePage('GET', '/api/v1/pods?labelSelector=app%3Dweb'), '/api/v1/pods?labelSelector=app%3Dweb&limit=1');
  assert.equal(onePage('GET', '/api/v1/pods?limit=3'), '/api/v1/pods?limit=3');
  assert.equal(onePage('GET', '/api/v1/pods?watch=1'), '/api/v1/pods?watch=1');
  assert.equal(onePage('DELETE', '/api/v1/namespaces/shop/secrets/db'), '/api/v1/namespaces/shop/secrets/db');
});

test('a status reads as what it means to the attacker', () => {
  assert.equal(statusMeaning(200), 'HTTP 200 OK: the request succeeds');
  assert.equal(statusMeaning(401), 'HTTP 401 Unauthorized: the credentials are not accepted');
  assert.equal(statusMeaning(403), 'HTTP 403 Forbidden: authenticated, but not authorized');
  assert.equal(statusMeaning(599), 'HTTP 599');
});
