import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Cluster } from '../clusters/provider.ts';

/** bubblewrap arguments for a shell that sees the node as a learner does: the system
 * read-only, /etc/kubernetes and /var/log/kubernetes of its cluster, kubectl and the
 * learner's kubeconfig. Pure. */
export function nodeViewArgs(o: { etcKubernetes: string; varLogKubernetes: string; kubectl: string; kubeconfig: string; workdir: string }): string[] {
  const args = ['--die-with-parent', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp'];
  for (const d of ['/usr', '/etc/alternatives', '/etc/ssl', '/etc/passwd', '/etc/group', '/etc/nsswitch.conf', '/etc/hosts']) args.push('--ro-bind-try', d, d);
  for (const l of ['bin', 'sbin', 'lib', 'lib64']) args.push('--symlink', `usr/${l}`, `/${l}`);
  args.push(
    '--bind', o.etcKubernetes, '/etc/kubernetes',
    '--bind', o.varLogKubernetes, '/var/log/kubernetes',
    '--ro-bind', o.kubectl, '/opt/batten/bin/kubectl',
    '--dir', '/root/.kube',
    '--ro-bind', o.kubeconfig, '/root/.kube/config',
    '--ro-bind', o.workdir, '/work',
    '--chdir', '/work',
    '--clearenv',
    '--setenv', 'HOME', '/root',
    '--setenv', 'PATH', '/opt/batten/bin:/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin',
    '--setenv', 'KUBECONFIG', '/root/.kube/config',
  );
  return args;
}

export interface ScriptResult {
  code: number;
  output: string;
}

/** Runs an exercise's solution or cheat script as the learner would type it. */
export function runScript(script: string, cluster: Cluster, kubectl: string, timeoutMs = 120_000): Promise<ScriptResult> {
  const args = nodeViewArgs({
    etcKubernetes: cluster.files.etcKubernetes,
    varLogKubernetes: cluster.files.varLogKubernetes,
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
