import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { bwrapArgs, type ConfineSpec } from './confine.ts';

export interface SupervisedProcessOptions {
  name: string;
  confine: ConfineSpec;
  args: string[];
  /** stdout and stderr are appended here. */
  logFile: string;
  /** Restart after an unexpected exit, with exponential back-off, as the kubelet does. */
  restart?: boolean;
  bwrap?: string;
  /** Join this network namespace (a /proc/PID/ns/net path) with nsenter before bwrap. */
  netns?: () => string;
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/**
 * One confined control-plane process. It runs in its own process group so that stopping
 * it also stops everything bubblewrap started; `dispose()` waits until it has exited.
 */
export class SupervisedProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopped = true;
  private backoffMs = 1000;
  private restartTimer: NodeJS.Timeout | undefined;
  private startedAt = 0;
  private childPid: Promise<number> | undefined;
  /** How many times the process has exited since it was last started on purpose. */
  exits = 0;

  constructor(private readonly o: SupervisedProcessOptions) {}

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(args: string[] = this.o.args): void {
    this.o.args = args;
    this.stopped = false;
    this.exits = 0;
    this.spawnOnce();
  }

  /** Host PID of the sandbox's first process (inside all its namespaces). */
  sandboxPid(): Promise<number> {
    return this.childPid ?? Promise.reject(new Error(`${this.o.name} is not started`));
  }

  private spawnOnce(): void {
    const fd = openSync(this.o.logFile, 'a');
    const bwrap = this.o.bwrap ?? 'bwrap';
    const argv = ['--info-fd', '3', ...bwrapArgs(this.o.confine, this.o.args)];
    const [cmd, args] = this.o.netns ? ['nsenter', [`--net=${this.o.netns()}`, '--', bwrap, ...argv]] : [bwrap, argv];
    const child = spawn(cmd, args, { stdio: ['ignore', fd, fd, 'pipe'], detached: true });
    closeSync(fd);
    this.child = child;
    const info = child.stdio[3] as NodeJS.ReadableStream;
    this.childPid = new Promise((resolve, reject) => {
      let text = '';
      info.on('data', (d: Buffer) => {
        text += d.toString();
        const pid = /"child-pid":\s*(\d+)/.exec(text)?.[1];
        if (pid) resolve(Number(pid));
      });
      info.on('end', () => reject(new Error(`${this.o.name}: bubblewrap did not start (see ${this.o.logFile})`)));
    });
    this.childPid.catch(() => undefined);
    this.startedAt = Date.now();
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exits++;
        resolve();
        this.o.onExit?.(code, signal);
        if (!this.stopped && this.o.restart) this.scheduleRestart();
      });
      child.once('error', (err) => {
        this.note(`could not start: ${err.message}`);
        resolve();
      });
    });
  }

  private scheduleRestart(): void {
    if (Date.now() - this.startedAt > 60_000) this.backoffMs = 1000;
    this.note(`exited; restarting in ${this.backoffMs / 1000} s`);
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      if (!this.stopped) this.spawnOnce();
    }, this.backoffMs);
    this.backoffMs = Math.min(this.backoffMs * 2, 30_000);
  }

  /** Appends a line to this process's log, as the node's supervisor. */
  note(line: string): void {
    try {
      const fd = openSync(this.o.logFile, 'a');
      writeSync(fd, `batten-node: ${this.o.name} ${line}\n`);
      closeSync(fd);
    } catch {
      // the directory is gone: the cluster is being disposed
    }
  }

  /** Stops the process (SIGTERM, then SIGKILL after graceMs) and waits for it to exit. */
  async stop(graceMs = 2000): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = undefined;
    const child = this.child;
    if (!child || !this.running) return this.exited;
    killGroup(child.pid, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    killGroup(child.pid, 'SIGKILL'); // anything left in the group
  }

  dispose(): Promise<void> {
    return this.stop(0);
  }
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
