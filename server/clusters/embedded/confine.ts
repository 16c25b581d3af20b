import { PROC_HARDENING } from '../../host/proc-mask.ts';

/**
 * bubblewrap arguments that confine one control-plane process to its cluster's directory.
 * Pure: builds argv only.
 *
 * The process sees its binary, /proc, a minimal /dev, a private /tmp and only the
 * directories bound in `binds`. It has its own PID, IPC and UTS namespaces, no
 * capabilities and an empty environment, and dies with the server (--die-with-parent).
 * Its network namespace is either new (`newNetwork`) or the cluster's, joined by the
 * caller with nsenter: never the host's.
 */
export interface Bind {
  host: string;
  sandbox: string;
  writable?: boolean;
}

export interface ConfineSpec {
  binary: string;
  /** Where the binary appears inside, e.g. /usr/local/bin/kube-apiserver. */
  binaryPath: string;
  binds: Bind[];
  env?: Record<string, string>;
  /** Give the process a new network namespace (only loopback, brought up by bwrap). */
  newNetwork?: boolean;
}

/** bubblewrap's options (they name host paths: pass them with `--args FD`, not on the
 * command line) and the command it runs (sandbox paths only). */
export function bwrapOptions(spec: ConfineSpec, args: string[]): { options: string[]; command: string[] } {
  const out = [
    '--die-with-parent',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    '--unshare-cgroup-try',
    ...(spec.newNetwork ? ['--unshare-net'] : []),
    '--cap-drop', 'ALL',
    '--clearenv',
    '--proc', '/proc',
    ...PROC_HARDENING,
    '--dev', '/dev',
    '--tmpfs', '/tmp',
    '--ro-bind', spec.binary, spec.binaryPath,
  ];
  for (const b of spec.binds) out.push(b.writable ? '--bind' : '--ro-bind', b.host, b.sandbox);
  for (const [k, v] of Object.entries({ HOME: '/tmp', PATH: '/usr/local/bin', ...spec.env })) out.push('--setenv', k, v);
  out.push('--chdir', '/');
  return { options: out, command: [spec.binaryPath, ...args] };
}
