import { expect, test } from 'vitest';
import { checkerBlocks, kwokctlConfig, kwokctlCreateArgs, kwokctlDeleteArgs, parseEnvtestSamples, peerMetrics, ratio } from './peers-logic.ts';

const bin = { etcd: '/b/etcd', kubeApiserver: '/b/kube-apiserver', kubeControllerManager: '/b/kcm', kubeScheduler: '/b/ks', kwok: '/b/kwok', kubectl: '/b/kubectl' };

test('kwokctl gets a file path for every binary, its own kubeconfig and config, and binds the loopback', () => {
  const args = kwokctlCreateArgs({ config: '/t/kwok.yaml', name: 'peer-1', kubeconfig: '/t/kubeconfig', bin });
  const flag = (f: string) => args[args.indexOf(f) + 1];
  expect(args.slice(0, 6)).toEqual(['-c', '/t/kwok.yaml', '--name', 'peer-1', 'create', 'cluster']);
  expect(flag('--runtime')).toBe('binary');
  expect(flag('--kubeconfig')).toBe('/t/kubeconfig');
  expect(flag('--etcd-binary')).toBe('/b/etcd');
  expect(flag('--kube-apiserver-binary')).toBe('/b/kube-apiserver');
  expect(flag('--kube-controller-manager-binary')).toBe('/b/kcm');
  expect(flag('--kube-scheduler-binary')).toBe('/b/ks');
  expect(flag('--kwok-controller-binary')).toBe('/b/kwok');
  expect(args.filter((a) => a.startsWith('http'))).toEqual([]);
  expect(kwokctlDeleteArgs({ config: '/t/kwok.yaml', name: 'peer-1', kubeconfig: '/t/kubeconfig' })).toEqual(['-c', '/t/kwok.yaml', '--name', 'peer-1', 'delete', 'cluster', '--kubeconfig', '/t/kubeconfig']);
  const conf = kwokctlConfig('/dir with space/kubectl');
  expect(conf).toContain('kind: KwokctlConfiguration');
  expect(conf).toContain('bindAddress: "127.0.0.1"');
  expect(conf).toContain('kubectlBinary: "/dir with space/kubectl"');
});

test('envtest-bench output is one readyMs per line; anything else is an error naming the line', () => {
  expect(parseEnvtestSamples('{"readyMs":5222.41}\n{"readyMs": 0}\n\n')).toEqual([5222.41, 0]);
  expect(parseEnvtestSamples('')).toEqual([]);
  expect(() => parseEnvtestSamples('{"readyMs":1}\nI1125 log line')).toThrow(/stdout line 2 .*not JSON/);
  expect(() => parseEnvtestSamples('{"ready":1}')).toThrow(/line 1 .*no readyMs/);
  expect(() => parseEnvtestSamples('{"readyMs":-3}')).toThrow(/no readyMs of zero or more/);
  expect(() => parseEnvtestSamples('[1]')).toThrow(/no readyMs/);
});

test('checker blocks alternate the designs and give each the same number of fixes', () => {
  expect(checkerBlocks(12, 5)).toEqual([
    { design: 'event', fixes: 5 }, { design: 'polling', fixes: 5 },
    { design: 'event', fixes: 5 }, { design: 'polling', fixes: 5 },
    { design: 'event', fixes: 2 }, { design: 'polling', fixes: 2 },
  ]);
  expect(checkerBlocks(0, 5)).toEqual([]);
  expect(() => checkerBlocks(10, 0)).toThrow(/block size is 0/);
});

test('ratios are Batten ÷ peer from the p50s, to 2 decimals, and NaN without a peer figure', () => {
  expect(ratio(1000, 3000)).toBe(0.33);
  expect(ratio(5, 0)).toBeNaN();
  expect(ratio(NaN, 10)).toBeNaN();
  const m = peerMetrics({
    kwokctlColdMs: [9000, 8000, 10_000],
    envtestColdMs: [5000, 4000, 6000],
    battenColdMs: [2000, 3000, 2500],
    battenApiReadyMs: [900, 1000, 1100],
    battenWarmAcquireMs: [0.2, 0.4, 0.3],
    pollingVerdictMs: [400, 900, 600],
    eventVerdictMs: [40, 60, 50],
  });
  expect(m['peer.kwokctlColdMs.p50']).toBe(9000);
  expect(m['peer.kwokctlColdMs.p95']).toBe(10_000);
  expect(m['peer.battenColdMs.p50']).toBe(2500);
  expect(m['peer.battenApiReadyMs.p50']).toBe(1000);
  expect(m['peer.battenWarmAcquireMs.p95']).toBe(0.4);
  expect(m['peer.kwokctlColdRatio']).toBe(0.28); // 2500 / 9000
  expect(m['peer.envtestColdRatio']).toBe(0.5); // 2500 / 5000
  expect(m['peer.kwokctlWarmRatio']).toBe(0); // 0.3 / 9000, under 0.0001
  expect(m['peer.pollingVerdictRatio']).toBe(0.08); // 50 / 600
  expect(m['peer.pollingVerdictMs.p95']).toBe(900);
  expect(m['peer.coldSamples']).toBe(3);
});
