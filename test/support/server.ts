import { spawn } from 'node:child_process';
import { REPO_ROOT } from '../../server/setup/controlplane-build.ts';

/** Runs the real server (server/main.ts) as a child process with extra environment. */
export function spawnServer(env: Record<string, string>) {
  // the server stops when this test process is gone, even if a failed test never stopped it
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: REPO_ROOT, env: { ...process.env, BATTEN_PARENT_PID: String(process.pid), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout.on('data', (d: Buffer) => (out.stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out.stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  return { child, out, exited };
}

/** A loopback port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as import('node:net').AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Starts the real server on a free port and waits until it answers /healthz. */
export async function startTestServer(env: Record<string, string>): Promise<{ base: string; port: number; server: ReturnType<typeof spawnServer>; stop: () => Promise<void> }> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawnServer({ PORT: String(port), ...env });
  // loading the exercise library takes a minute on a machine busy with clusters
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error(`the server did not answer in 180 s:\n${server.out.stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    base,
    port,
    server,
    stop: async () => {
      server.child.kill('SIGTERM');
      await server.exited;
    },
  };
}
