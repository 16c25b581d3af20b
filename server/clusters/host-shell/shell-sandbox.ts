import { PROC_HARDENING } from '../../host/proc-mask.ts';

/**
 * bubblewrap arguments for a learner's shell. Pure.
 *
 * The shell gets new user, PID, mount, network, IPC, UTS and cgroup namespaces and no
 * capabilities. It sees the system read-only, a private home in memory, its cluster's node files at
 * /etc/kubernetes and /var/log/kubernetes (as on a kubeadm node), kubectl, and one way out:
 * the Unix socket of its own API server, bridged to 127.0.0.1:6443 inside the sandbox.
 */
export interface TerminalSandbox {
  /** Host file shown as /root/.bashrc (the home itself is a tmpfs, charged to the memory limit). */
  bashrc: string;
  etcKubernetes: string;
  varLogKubernetes: string;
  /** The API server's log, shown read-only as /var/log/kubernetes/kube-apiserver.log. */
  apiServerLog?: string;
  apiSocket: string;
  kubeconfig: string;
  kubectl: string;
  forward: string;
  hostname?: string;
}

const SYSTEM_FILES = [
  '/etc/alternatives', '/etc/ssl', '/etc/passwd', '/etc/group', '/etc/nsswitch.conf', '/etc/hosts',
  '/etc/bash.bashrc', '/etc/bash_completion', '/etc/bash_completion.d', '/etc/profile', '/etc/profile.d',
  '/etc/inputrc', '/etc/vim', '/etc/nanorc', '/etc/terminfo', '/etc/localtime',
];

/** What every shell on the training node sees, the learner's terminal and the scripts of
 * `batten exercise test` alike: the system read-only, /proc, /dev, a private /tmp, the
 * cluster's node files where kubeadm puts them, and kubectl. */
export function nodeViewArgs(o: { etcKubernetes: string; varLogKubernetes: string; apiServerLog?: string; kubectl: string }): string[] {
  const args = ['--ro-bind', '/usr', '/usr', '--proc', '/proc', ...PROC_HARDENING, '--dev', '/dev', '--tmpfs', '/tmp'];
  for (const l of ['bin', 'sbin', 'lib', 'lib64']) args.push('--symlink', `usr/${l}`, `/${l}`);
  for (const f of SYSTEM_FILES) args.push('--ro-bind-try', f, f);
  args.push(
    '--bind', o.etcKubernetes, '/etc/kubernetes',
    '--bind', o.varLogKubernetes, '/var/log/kubernetes',
    '--ro-bind', o.kubectl, '/opt/batten/bin/kubectl',
  );
  if (o.apiServerLog) args.push('--ro-bind', o.apiServerLog, '/var/log/kubernetes/kube-apiserver.log');
  return args;
}

/** bubblewrap's options (host paths: passed through `--args FD`, so nothing host-side shows
 * in the sandbox's /proc/1/cmdline) and the command (sandbox paths only). */
export function terminalSandbox(s: TerminalSandbox): { options: string[]; command: string[] } {
  const options = [
    '--unshare-all', // user, pid, net (loopback only), ipc, uts, cgroup
    '--die-with-parent',
    '--cap-drop', 'ALL',
    '--hostname', s.hostname ?? 'controlplane',
    ...nodeViewArgs(s),
    '--tmpfs', '/run',
    '--tmpfs', '/root',
    '--ro-bind', s.bashrc, '/root/.bashrc',
    '--ro-bind', s.kubeconfig, '/root/.kube/config',
    '--ro-bind', s.forward, '/opt/batten/bin/batten-forward',
    '--dir', '/run/batten',
    '--ro-bind', s.apiSocket, '/run/batten/api.sock',
    '--chdir', '/root',
    '--clearenv',
    '--setenv', 'HOME', '/root',
    '--setenv', 'USER', 'root',
    '--setenv', 'TERM', 'xterm-256color',
    '--setenv', 'LANG', 'C.UTF-8',
    '--setenv', 'PATH', '/opt/batten/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    '--setenv', 'KUBECONFIG', '/root/.kube/config',
  ];
  return { options, command: ['/bin/bash', '-c', 'batten-forward tcp:127.0.0.1:6443=/run/batten/api.sock 2>/dev/null & exec bash'] };
}
