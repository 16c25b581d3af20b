import assert from 'node:assert/strict';
import { test } from 'vitest';
import { printablePrefix } from './etcd.ts';

test('a transcript shows the stored prefix, never the data after it', () => {
  // a plain protobuf Secret: the magic k8s\0 and then the object, with its value
  const plain = Buffer.concat([Buffer.from('k8s'), Buffer.from([0]), Buffer.from('\n\x0c\n\x02v1\x12\x06Secret s3cr3t-password')]);
  assert.equal(printablePrefix(plain), 'k8s…');
  assert.equal(printablePrefix(Buffer.from('k8s:enc:aescbc:v1:key1:\x8f\x01\x02')), 'k8s:enc:aescbc:v1:key1:…');
  assert.equal(printablePrefix(Buffer.from('a'.repeat(100))), `${'a'.repeat(40)}…`);
  assert.equal(printablePrefix(Buffer.from('short')), 'short');
});
