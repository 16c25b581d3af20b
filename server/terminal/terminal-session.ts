import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pty, { type IPty } from 'node-pty';
import type { Cluster } from '../clusters/provider.ts';
import { renderKubeconfig } from '../clusters/embedded/kubeconfig.ts';
import { BASHRC } from './bashrc.ts';
import { Cgroup, JOIN_CGROUP_SH } from '../host/cgroup.ts';
import { FlowControl } from './flow-control.ts';
import { terminalSandbox } from './sandbox-args.ts';
import { Scrollback } from './scrollback.ts';

export interface TerminalOptions {
  cluster: Cluster;
  /** Where per-terminal files live (kubeconfig, .bashrc). */
  dir: string;
  kubectl: string;
  forward: string;
  limits: Limits;
  /** The shell ends after this long without input. */
  idleMs: number;
  cols?: number;
  rows?: number;
  scrollbackChars?: number;
  onExit?: (why: 'exit' | 'idle' | 'disposed') => void;
}

export type DataListener = (data: string) => void;

export interface Limits {
  /** Processes and threads at once: a fork bomb stops here. */
  pids: number;
  memoryBytes: number;
  /** Open files per process (soft and hard limit: the learner cannot raise it). */
  openFiles: number;
  /** Largest file the shell may write (soft and hard). */
  fileBytes: number;
}

/** Joins the cgroup, caps open files and file size (soft and hard, so they cannot be
 * raised), then becomes the sandbox, whose options arrive on fd 3 from a host file. */
const ENTER_SANDBOX = `${JOIN_CGROUP_SH}; ulimit -n $BATTEN_NOFILE && ulimit -f $BATTEN_FSIZE_BLOCKS || exit 111; exec bwrap --args 3 -- "$@" 3< "$BATTEN_ARGS"`;

/**
 * A learner's shell: a real pty running bash inside a bubblewrap sandbox confined by a
 * cgroup. Output is kept in a bounded scrollback for reattaching, and flow-controlled by
 * the client's acknowledgements. `dispose()` kills every process of the sandbox.
 */
export class TerminalSession {
  readonly id = randomUUID();
  private pty: IPty | undefined;
  private cgroup: Cgroup | undefined;
  private readonly listeners = new Set<DataListener>();
  private readonly scrollback: Scrollback;
  private readonly flow: FlowControl;
  private idleTimer: NodeJS.Timeout | undefined;
  private ended = false;
  private disposing: Promise<void> | undefined;

  constructor(private readonly o: TerminalOptions) {
    this.scrollback = new Scrollback(o.scrollbackChars ?? 200_000);
    this.flow = new FlowControl(
      () => this.pty?.pause(),
      () => this.pty?.resume(),
    );
  }

  async start(): Promise<void> {
    const dir = path.join(this.o.dir, this.id);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const kubeconfig = path.join(dir, 'kubeconfig');
    const { caPem } = this.o.cluster.endpoint;
    await writeFile(kubeconfig, renderKubeconfig({ clusterName: 'kubernetes', server: 'https://127.0.0.1:6443', caPem, user: 'kubernetes-admin', ...this.o.cluster.credentials('learner') }), { mode: 0o600 });
    await writeFile(path.join(dir, 'bashrc'), BASHRC);
    const { pids, memoryBytes } = this.o.limits;
    this.cgroup = await Cgroup.create(`terminal-${this.id}`, { pids, memoryBytes });
    const { options, command } = terminalSandbox({
      bashrc: path.join(dir, 'bashrc'),
      kubeconfig,
      etcKubernetes: this.o.cluster.files.etcKubernetes,
      varLogKubernetes: this.o.cluster.files.varLogKubernetes,
      apiServerLog: this.o.cluster.files.apiServerLog,
      apiSocket: this.o.cluster.files.apiSocket,
      kubectl: this.o.kubectl,
      forward: this.o.forward,
    });
    const argsFile = path.join(dir, 'bwrap-args');
    await writeFile(argsFile, options.map((o) => `${o}\0`).join(''), { mode: 0o600 });
    this.pty = pty.spawn('/bin/sh', ['-c', ENTER_SANDBOX, 'sh', ...command], {
      name: 'xterm-256color',
      cols: this.o.cols ?? 100,
      rows: this.o.rows ?? 30,
      cwd: dir,
      env: {
        PATH: '/usr/bin:/bin',
        BATTEN_CGROUP_PROCS: this.cgroup.procsFiles.join(' '),
        BATTEN_NOFILE: String(this.o.limits.openFiles),
        // POSIX sh counts ulimit -f in 512-byte blocks
        BATTEN_FSIZE_BLOCKS: String(Math.max(1, Math.floor(this.o.limits.fileBytes / 512))),
        BATTEN_ARGS: argsFile,
      },
    });
    this.pty.onData((d) => {
      this.scrollback.push(d);
      this.flow.sent(d.length);
      for (const l of this.listeners) l(d);
    });
    this.pty.onExit(() => void this.end('exit'));
    this.touch();
  }

  /** Listens to output; returns the scrollback so far, to replay first. */
  attach(listener: DataListener): { replay: string; detach: () => void } {
    this.listeners.add(listener);
    this.flow.reset();
    return { replay: this.scrollback.text(), detach: () => this.listeners.delete(listener) };
  }

  write(data: string): void {
    if (this.ended) return;
    this.touch();
    this.pty?.write(data);
  }

  resize(cols: number, rows: number): void {
    if (!this.ended) this.pty?.resize(Math.max(10, Math.min(cols, 500)), Math.max(4, Math.min(rows, 200)));
  }

  /** The client rendered this many characters (flow control). */
  ack(chars: number): void {
    this.flow.acked(chars);
  }

  get paused(): boolean {
    return this.flow.isPaused;
  }

  /** Host PIDs in the sandbox's cgroup. */
  pids(): Promise<number[]> {
    return this.cgroup?.pids() ?? Promise.resolve([]);
  }

  private touch(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => void this.end('idle'), this.o.idleMs);
    this.idleTimer.unref();
  }

  private async end(why: 'exit' | 'idle' | 'disposed'): Promise<void> {
    if (this.ended) return this.disposing;
    this.ended = true;
    clearTimeout(this.idleTimer);
    this.disposing = (async () => {
      try {
        this.pty?.kill('SIGKILL');
      } catch {
        // already gone
      }
      await this.cgroup?.dispose();
      await rm(path.join(this.o.dir, this.id), { recursive: true, force: true });
      this.listeners.clear();
      this.o.onExit?.(why);
    })();
    return this.disposing;
  }

  dispose(): Promise<void> {
    return this.end('disposed');
  }
}
