/**
 * One cold start of each peer, on Batten's own control-plane binaries: kwokctl's binary
 * runtime and controller-runtime's envtest (through envtest-bench). Each leaves nothing
 * behind: its directories are removed and a process of it still alive is an error.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { kwokctlConfig, kwokctlCreateArgs, kwokctlDeleteArgs, parseEnvtestSamples, type KwokctlBinaries } from '../peers-logic.ts';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env, timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const tail = (s: string) => s.trim().split('\n').slice(-5).join('\n  ');

/** Processes whose command line contains `marker` (a directory of ours), as "pid command". */
function processesWith(marker: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile('pgrep', ['-af', '--', marker], (_err, stdout) => resolve(stdout.split('\n').filter((l) => l.trim().length > 0)));
  });
}

/** Kills what is left of a peer (processes we started, under our own directory) and fails. */
async function assertNothingLeft(peer: string, marker: string): Promise<void> {
  const left = await processesWith(marker);
  if (left.length === 0) return;
  for (const l of left) {
    try {
      process.kill(Number(l.split(' ')[0]), 'SIGKILL');
    } catch {
      // already gone
    }
  }
  throw new Error(`${peer} left processes behind (now killed):\n  ${left.join('\n  ')}`);
}

/** Milliseconds from `kwokctl create cluster` starting until kubectl reads `ok` from the
 * new cluster's /readyz; then the cluster is deleted. `n` names the cluster. */
export async function kwokctlColdMs(kwokctl: string, bin: KwokctlBinaries, n: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-peers-kwokctl-'));
  const o = { config: path.join(dir, 'kwok.yaml'), name: `batten-peer-${process.pid}-${n}`, kubeconfig: path.join(dir, 'kubeconfig') };
  writeFileSync(o.config, kwokctlConfig(bin.kubectl));
  // KWOK_WORKDIR keeps its clusters, cache and logs out of ~/.kwok
  const env = { ...process.env, KWOK_WORKDIR: path.join(dir, 'work') };
  let failure: unknown;
  try {
    const t0 = performance.now();
    const created = await run(kwokctl, kwokctlCreateArgs({ ...o, bin }), env);
    if (created.code !== 0) throw new Error(`kwokctl create cluster exited with ${created.code}:\n  ${tail(created.stderr)}`);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const r = await run(bin.kubectl, ['--kubeconfig', o.kubeconfig, '--request-timeout=2s', 'get', '--raw', '/readyz'], env, 10_000);
      if (r.code === 0 && r.stdout.trim() === 'ok') return performance.now() - t0;
      if (Date.now() > deadline) throw new Error(`kwokctl's cluster ${o.name} did not answer /readyz within 60 s:\n  ${tail(r.stderr)}`);
      await new Promise((res) => setTimeout(res, 50));
    }
  } catch (e) {
    failure = e;
    throw e;
  } finally {
    const deleted = await run(kwokctl, kwokctlDeleteArgs(o), env);
    try {
      await assertNothingLeft('kwokctl', dir);
      if (deleted.code !== 0) throw new Error(`kwokctl delete cluster exited with ${deleted.code}:\n  ${tail(deleted.stderr)}`);
    } catch (e) {
      if (!failure) throw e; // otherwise the first failure is the one to report
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** One envtest start: milliseconds from Environment.Start() to its return (API ready), as
 * envtest-bench measures it; its temporary directories live under one of ours. */
export async function envtestColdMs(envtestBench: string, assetsDir: string): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-peers-envtest-'));
  try {
    const r = await run(envtestBench, ['-samples', '1', '-assets', assetsDir], { ...process.env, TMPDIR: dir });
    await assertNothingLeft('envtest', dir);
    if (r.code !== 0) throw new Error(`envtest-bench exited with ${r.code}:\n  ${tail(r.stderr)}`);
    const samples = parseEnvtestSamples(r.stdout);
    if (samples.length !== 1) throw new Error(`envtest-bench printed ${samples.length} samples; 1 was asked for`);
    return samples[0]!;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
