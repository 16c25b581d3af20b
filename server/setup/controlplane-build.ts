import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONTROLPLANE = path.join(REPO_ROOT, 'sandbox', 'controlplane');
export const KWOK_STAGES = path.join(CONTROLPLANE, 'kwok', 'stages.yaml');

/** The cache directory `build.sh` fills, derived from the pins exactly as build.sh does,
 * so a change of any pin builds into a new directory. */
export function controlplaneCacheDir(cacheRoot: string): string {
  const h = createHash('sha256');
  for (const f of ['kubernetes/go.mod', 'etcd/go.mod', 'kwok/go.mod', 'forward/main.go', 'build.sh']) h.update(readFileSync(path.join(CONTROLPLANE, f)));
  return path.join(cacheRoot, 'controlplane', `v1.34.4-${h.digest('hex').slice(0, 12)}`);
}

/** Runs build.sh (progress on stderr) and resolves with the binary directory. */
export function buildControlPlane(cacheRoot: string): Promise<string> {
  return runBuildScript(path.join(CONTROLPLANE, 'build.sh'), cacheRoot);
}

/** Runs one of sandbox/'s build scripts with the cache root (progress on stderr) and
 * resolves with the last line of its stdout: the directory it filled. */
export function runBuildScript(script: string, cacheRoot: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [script], {
      env: { ...process.env, BATTEN_CACHE: cacheRoot },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve(out.trim().split('\n').pop()!);
      else reject(new Error(`${path.relative(REPO_ROOT, script)} failed with exit code ${code}; its output above says why`));
    });
  });
}
