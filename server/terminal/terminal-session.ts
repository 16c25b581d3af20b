import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import pty, { type IPty } from 'node-pty';
import type { Cluster, ShellLaunch, ShellLimits } from '../clusters/provider.ts';
import { FlowControl } from './flow-control.ts';
import { Scrollback } from './scrollback.ts';

export interface TerminalOptions {
  cluster: Cluster;
  /** Where per-terminal directories live (the shell's kubeconfig, .bashrc…). */
  dir: string;
  limits: ShellLimits;
  /** The shell ends after this long without input. */
  idleMs: number;
  cols?: number;
  rows?: number;
  scrollbackChars?: number;
  onExit?: (why: 'exit' | 'idle' | 'disposed') => void;
}

export type DataListener = (data: string) => void;

/**
 * A learner's terminal: the shell its cluster's provider starts (confined the provider's
 * way), run in a real pty. Output is kept in a bounded scrollback for reattaching, and
 * flow-controlled by the client's acknowledgements. Provider-neutral: `dispose()` asks
 * the provider to kill every process of the shell.
 */
export class TerminalSession {
  readonly id = randomUUID();
  private pty: IPty | undefined;
  private shell: ShellLaunch | undefined;
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
    this.shell = await this.o.cluster.openShell({ dir, limits: this.o.limits });
    this.pty = pty.spawn(this.shell.file, this.shell.args, {
      name: 'xterm-256color',
      cols: this.o.cols ?? 100,
      rows: this.o.rows ?? 30,
      cwd: this.shell.cwd,
      env: this.shell.env,
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

  /** Host PIDs of the shell and everything it started. */
  pids(): Promise<number[]> {
    return this.shell?.pids() ?? Promise.resolve([]);
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
      await this.shell?.dispose();
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
