import assert from 'node:assert/strict';
import { test } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

test('defaults apply when nothing is set', () => {
  const c = loadConfig({});
  assert.equal(c.PORT, 8080);
  assert.equal(c.HOST, '127.0.0.1');
  assert.equal(c.CLUSTER_PROVIDER, 'embedded');
});

test('numbers are parsed from strings', () => {
  assert.equal(loadConfig({ POOL_SIZE: '3' }).POOL_SIZE, 3);
});

test('every bad variable is named in one error, with what it is for', () => {
  assert.throws(
    () => loadConfig({ PORT: 'eighty', POOL_SIZE: '-1', CLUSTER_PROVIDER: 'docker' }),
    (e: unknown) => {
      assert.ok(e instanceof ConfigError);
      assert.match(e.message, /PORT="eighty"/);
      assert.match(e.message, /POOL_SIZE="-1".*clusters kept ready ahead/);
      assert.match(e.message, /CLUSTER_PROVIDER="docker"/);
      return true;
    },
  );
});

test('with the kind provider sign-up is by invitation unless the admin says learners are trusted', () => {
  assert.equal(loadConfig({}).SIGNUP, 'open');
  assert.equal(loadConfig({ CLUSTER_PROVIDER: 'kind' }).SIGNUP, 'invite');
  assert.throws(() => loadConfig({ CLUSTER_PROVIDER: 'kind', SIGNUP: 'open' }), /SIGNUP="open" with CLUSTER_PROVIDER="kind".*\n.*KIND_TRUSTED_LEARNERS=yes/);
  assert.equal(loadConfig({ CLUSTER_PROVIDER: 'kind', SIGNUP: 'open', KIND_TRUSTED_LEARNERS: 'yes' }).SIGNUP, 'open');
});
