import assert from 'node:assert/strict';
import { test } from 'vitest';
import { withFreshValues } from './admission.ts';

test('$(random) in a manifest becomes fresh letters at each evaluation, everything else unchanged', () => {
  const manifest = { kind: 'Pod', metadata: { name: 'batten-probe-miner' }, spec: { containers: [{ image: 'docker.io/$(random)/$(random):latest', ports: [{ containerPort: 80 }] }] } };
  const a = withFreshValues(manifest);
  const b = withFreshValues(manifest);
  const image = (m: typeof manifest) => m.spec.containers[0]!.image;
  assert.match(image(a), /^docker\.io\/[a-z]{8}\/[a-z]{8}:latest$/);
  const [, user, name] = /^docker\.io\/([a-z]+)\/([a-z]+):/.exec(image(a))!;
  assert.notEqual(user, name, 'each occurrence is drawn on its own');
  assert.notEqual(image(a), image(b), 'a deny-list of what was seen once does not match the next attack');
  assert.deepEqual(a.spec.containers[0]!.ports, [{ containerPort: 80 }]);
  assert.equal(a.metadata.name, 'batten-probe-miner');
  assert.equal(manifest.spec.containers[0]!.image, 'docker.io/$(random)/$(random):latest', 'the spec itself is not changed');
});
