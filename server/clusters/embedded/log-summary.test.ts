import assert from 'node:assert/strict';
import { test } from 'vitest';
import { failureSummary } from './log-summary.ts';

test("kube-apiserver's 'command failed' line is the summary", () => {
  const log = [
    'W1123 18:13:59.933571 2 logging.go:55] grpc: dial tcp 127.0.0.1:2379: operation was canceled',
    'E1123 18:13:59.934120 2 run.go:72] "command failed" err="error while parsing file: resources[0].providers[0].aescbc.keys[0].secret: Invalid value: \\"REDACTED\\": secrets must be base64 encoded"',
  ].join('\n');
  assert.equal(failureSummary(log), 'error while parsing file: resources[0].providers[0].aescbc.keys[0].secret: Invalid value: "REDACTED": secrets must be base64 encoded');
});

test('a flag parsing error is the summary', () => {
  assert.equal(failureSummary('I1123 starting\nError: unknown flag: --nope\n'), 'unknown flag: --nope');
});

test("etcd's fatal JSON line is the summary", () => {
  assert.equal(failureSummary('{"level":"fatal","msg":"listener failed","error":"address already in use"}'), 'listener failed: address already in use');
});

test('without a recognisable line, the last lines are returned', () => {
  assert.equal(failureSummary('a\nb\nc', 2), 'b\n    c');
});
