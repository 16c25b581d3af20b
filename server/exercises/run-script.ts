import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Cluster } from '../clusters/provider.ts';
import { nodeViewArgs } from '../terminal/sandbox-args.ts';

/** bubblewrap arguments for an exercise script: the node as a learner sees it, the
 * learner's kubeconfig, and the script's folder at /work. It shares the host's network to
 * reach the API server's host port. Pure. */
export function scriptSandboxArgs(o: { etcKubernetes: string; varLogKubernetes: string; apiServerLog?: string; kubectl: string; kubeconfig: string; workdir: string }): string[] {
  return [
    '--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-uts',
    ...nodeViewArgs(o),
    '--dir', '/root/.kube',
    '--ro-bind', o.kubeconfig, '/root/.kube/config',
    '--ro-bind', o.workdir, '/work',
    '--chdir', '/work',
    '--clearenv',
    '--setenv', 'HOME', '/root',
    '--setenv', 'PATH', '/opt/batten/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    '--setenv', 'KUBECONFIG', '/root/.kube/config',
  ];
}

export interface ScriptResult {
  code: number;
  output: string;
}

/** Runs an exercise's solution or cheat script as the learner would type it. */
export function runScript(script: string, cluster: Cluster, kubectl: string, timeoutMs = 120_000): Promise<ScriptResult> {
  const args = scriptSandboxArgs({
    etcKubernetes: cluster.files.etcKubernetes,
    varLogKubernetes: cluster.files.varLogKubernetes,
    apiServerLog: cluster.files.apiServerLog,
    kubectl,
    kubeconfig: cluster.kubeconfigPath('learner'),
    workdir: path.dirname(script),
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
