import assert from 'node:assert/strict';
import { test } from 'vitest';
import { sameOrigin } from './origin.ts';

test('an absent Origin is allowed (non-browser clients)', () => {
  assert.equal(sameOrigin(undefined, '127.0.0.1:8080'), true);
});

test('the same host and port is allowed, whatever the case of the Host header', () => {
  assert.equal(sameOrigin('http://127.0.0.1:8080', '127.0.0.1:8080'), true);
  assert.equal(sameOrigin('https://batten.example', 'Batten.Example'), true);
});

test('malformed, opaque and foreign origins are refused, never thrown', () => {
  for (const origin of ['null', '', 'garbage', '://', 'http://', 'file:///etc/passwd', 'javascript:alert(1)', 'http://evil.example', 'http://127.0.0.1:8081', '\u0000', 'http://[::1', 'x'.repeat(100_000)]) {
    assert.equal(sameOrigin(origin, '127.0.0.1:8080'), false, JSON.stringify(origin.slice(0, 40)));
  }
  assert.equal(sameOrigin(['http://127.0.0.1:8080', 'http://evil.example'], '127.0.0.1:8080'), false, 'a repeated header is refused');
  assert.equal(sameOrigin('http://127.0.0.1:8080', undefined), false, 'no Host to compare with');
});
