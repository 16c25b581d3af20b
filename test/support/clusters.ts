import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/config/config.ts';
import { createProvider } from '../../server/clusters/create-provider.ts';
import { binaryDirs, requireBinaries } from '../../server/clusters/embedded/binaries.ts';
import type { Cluster, ClusterProvider } from '../../server/clusters/provider.ts';
import { controlplaneCacheDir } from '../../server/setup/controlplane-build.ts';

/** A temporary directory removed when the test process exits (with any cluster mount a
 * server that was still stopping left in it). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  process.once('exit', () => {
    const mounts = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').map((l) => l.split(' ')[4] ?? '').filter((m) => m.startsWith(dir + '/'));
    for (const m of mounts.sort((a, b) => b.length - a.length)) spawnSync('umount', ['-l', m]);
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

/** Configuration for tests: the real binaries, and a fresh data directory per test file. */
export function testConfig(extra: Record<string, string> = {}): Config {
  const dataDir = tempDir('batten-test-');
  return loadConfig({ ...process.env, BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...extra });
}

export function testProvider(cfg = testConfig()): ClusterProvider {
  return createProvider(cfg);
}

export function kubectlPath(cfg = loadConfig({ ...process.env, LOG_LEVEL: "silent" })): string {
  return requireBinaries(binaryDirs(cfg, controlplaneCacheDir(cfg.BATTEN_CACHE))).kubectl;
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real kubectl against a cluster as one of its identities. */
export function kubectl(cluster: Cluster, args: string[], o: { as?: 'learner' | 'checker'; stdin?: string; kubeconfig?: string } = {}): Promise<RunResult> {
  const kubeconfig = o.kubeconfig ?? cluster.kubeconfigPath(o.as ?? 'learner');
  return new Promise((resolve, reject) => {
    const child = spawn(kubectlPath(), ['--kubeconfig', kubeconfig, '--request-timeout=10s', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // kubectl may exit before reading everything
    child.stdin.end(o.stdin ?? '');
  });
}

/** Polls until `check` returns true, or fails with `what` after timeoutMs. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
