import assert from 'node:assert/strict';
import { test } from 'vitest';
import { ClusterError } from '../errors.ts';
import { connectionArgs, parseConnectionOutcomes } from './try-connections.ts';

const tests = [
  { fromPodIp: '10.244.0.4', toIp: '10.244.0.5', port: 8080 },
  { fromPodIp: '10.244.0.4', toIp: '10.244.0.6', port: 5432 },
];

test('arguments are triples of re-printed addresses and ports; anything else is refused before the node sees it', () => {
  assert.deepEqual(connectionArgs(tests), ['10.244.0.4', '10.244.0.5', '8080', '10.244.0.4', '10.244.0.6', '5432']);
  assert.throws(() => connectionArgs([{ fromPodIp: '10.244.0.4; reboot', toIp: '10.244.0.5', port: 80 }]), ClusterError);
  assert.throws(() => connectionArgs([{ fromPodIp: '10.244.0.4', toIp: '$(id)', port: 80 }]), ClusterError);
  assert.throws(() => connectionArgs([{ fromPodIp: '10.244.0.4', toIp: '10.244.0.5', port: 0 }]), ClusterError);
});

test('outcomes come back in the order of the tests; a missing pod or a missing line is an error, never an outcome', () => {
  const r = (stdout: string) => ({ code: 0, stdout, stderr: '' });
  assert.deepEqual(parseConnectionOutcomes(tests, r('1 blocked\n0 connected\n')), ['connected', 'blocked']);
  assert.throws(() => parseConnectionOutcomes(tests, r('0 connected\n1 missing\n')), /no pod with address 10\.244\.0\.4/);
  assert.throws(() => parseConnectionOutcomes(tests, r('0 refused\n')), /did not try the connection from 10\.244\.0\.4 to 10\.244\.0\.6:5432/);
  assert.throws(() => parseConnectionOutcomes(tests, r('0 refused\n1 exploded\n')), ClusterError);
  assert.throws(() => parseConnectionOutcomes(tests, r('0 ambiguous\n1 blocked\n')), /held by more than one pod's network/);
});
