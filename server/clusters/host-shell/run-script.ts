import { spawn } from 'node:child_process';
import path from 'node:path';
import type { NodeFiles, ScriptOptions, ScriptResult } from '../provider.ts';
import { nodeViewArgs } from './shell-sandbox.ts';

/** bubblewrap arguments for an exercise script: the node as a learner sees it, the
 * learner's kubeconfig, and the script's folder at /work. It shares the host's network to
 * reach the API server's host port. Pure. */
export function scriptSandboxArgs(o: { etcKubernetes: string; varLogKubernetes: string; apiServerLog?: string; kubectl: string; kubeconfig: string; workdir: string; env?: Readonly<Record<string, string>> }): string[] {
  const env = Object.entries(o.env ?? {});
  const bad = env.find(([k]) => !/^[a-z][a-z0-9_]*$/.test(k));
  if (bad) throw new Error(`script environment variable ${JSON.stringify(bad[0])} is not a lower-case parameter name`);
  return [
    '--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--cap-drop', 'ALL',
    ...nodeViewArgs(o),
    '--dir', '/root/.kube',
    '--ro-bind', o.kubeconfig, '/root/.kube/config',
    '--ro-bind', o.workdir, '/work',
    '--chdir', '/work',
    '--clearenv',
    '--setenv', 'HOME', '/root',
    '--setenv', 'PATH', '/opt/batten/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    '--setenv', 'KUBECONFIG', '/root/.kube/config',
    ...env.flatMap(([k, v]) => ['--setenv', k, v]),
  ];
}

/** Runs an exercise's solution or cheat script as the learner would type it. */
export function runScript(script: string, c: { nodeFiles: NodeFiles; kubeconfig: string; kubectl: string }, o: ScriptOptions = {}): Promise<ScriptResult> {
  const timeoutMs = o.timeoutMs ?? 120_000;
  const args = scriptSandboxArgs({
    etcKubernetes: c.nodeFiles.etcKubernetes,
    varLogKubernetes: c.nodeFiles.varLogKubernetes,
    apiServerLog: c.nodeFiles.apiServerLog,
    kubectl: c.kubectl,
    kubeconfig: c.kubeconfig,
    workdir: path.dirname(script),
    env: o.env,
  });
  return new Promise((resolve) => {
    const child = spawn('bwrap', [...args, '--', 'bash', '-euo', 'pipefail', `/work/${path.basename(script)}`], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const add = (d: Buffer) => (output = (output + d.toString()).slice(-8000));
    child.stdout.on('data', add);
    child.stderr.on('data', add);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), output });
    });
  });
}
