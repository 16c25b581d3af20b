import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Cgroup, JOIN_CGROUP_SH } from '../../host/cgroup.ts';
import { renderKubeconfig } from '../../kube/kubeconfig.ts';
import { BASHRC } from '../bashrc.ts';
import type { Credentials, NodeFiles, ShellLaunch, ShellLimits } from '../provider.ts';
import { terminalSandbox } from './shell-sandbox.ts';

export interface LearnerShellParts {
  /** Private directory for the shell's files (kubeconfig, .bashrc, bubblewrap options). */
  dir: string;
  limits: ShellLimits;
  caPem: string;
  learner: Credentials;
  nodeFiles: NodeFiles;
  apiSocket: string;
  kubectl: string;
  forward: string;
}

/** Joins the cgroup, caps open files and file size (soft and hard, so they cannot be
 * raised), then becomes the sandbox, whose options arrive on fd 3 from a host file. */
const ENTER_SANDBOX = `${JOIN_CGROUP_SH}; ulimit -n $BATTEN_NOFILE && ulimit -f $BATTEN_FSIZE_BLOCKS || exit 111; exec bwrap --args 3 -- "$@" 3< "$BATTEN_ARGS"`;

/**
 * The embedded provider's learner shell: bash in a bubblewrap sandbox (see
 * shell-sandbox.ts) confined by a cgroup of its own, with the cluster's node files and
 * its API server at 127.0.0.1:6443.
 */
export async function openLearnerShell(p: LearnerShellParts): Promise<ShellLaunch> {
  const kubeconfig = path.join(p.dir, 'kubeconfig');
  await writeFile(kubeconfig, renderKubeconfig({ clusterName: 'kubernetes', server: 'https://127.0.0.1:6443', caPem: p.caPem, user: 'kubernetes-admin', ...p.learner }), { mode: 0o600 });
  await writeFile(path.join(p.dir, 'bashrc'), BASHRC);
  const cgroup = await Cgroup.create(`shell-${path.basename(p.dir)}`, { pids: p.limits.pids, memoryBytes: p.limits.memoryBytes });
  const { options, command } = terminalSandbox({
    bashrc: path.join(p.dir, 'bashrc'),
    kubeconfig,
    etcKubernetes: p.nodeFiles.etcKubernetes,
    varLogKubernetes: p.nodeFiles.varLogKubernetes,
    apiServerLog: p.nodeFiles.apiServerLog,
    apiSocket: p.apiSocket,
    kubectl: p.kubectl,
    forward: p.forward,
  });
  const argsFile = path.join(p.dir, 'bwrap-args');
  await writeFile(argsFile, options.map((o) => `${o}\0`).join(''), { mode: 0o600 });
  return {
    file: '/bin/sh',
    args: ['-c', ENTER_SANDBOX, 'sh', ...command],
    cwd: p.dir,
    env: {
      PATH: '/usr/bin:/bin',
      BATTEN_CGROUP_PROCS: cgroup.procsFiles.join(' '),
      BATTEN_NOFILE: String(p.limits.openFiles),
      // POSIX sh counts ulimit -f in 512-byte blocks
      BATTEN_FSIZE_BLOCKS: String(Math.max(1, Math.floor(p.limits.fileBytes / 512))),
      BATTEN_ARGS: argsFile,
    },
    pids: () => cgroup.pids(),
    dispose: () => cgroup.dispose(),
  };
}
