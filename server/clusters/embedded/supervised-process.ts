import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, writeSync } from 'node:fs';
import { JOIN_CGROUP_SH } from '../../host/cgroup.ts';
import { escapeControl, openOwnLogSync } from '../../host/learner-files.ts';
import { bwrapOptions, type ConfineSpec } from './confine.ts';

export interface SupervisedProcessOptions {
  name: string;
  confine: ConfineSpec;
  args: string[];
  /** stdout and stderr are appended here (a file in the cluster's private directory). */
  logFile: string;
  /** Restart after an unexpected exit, with exponential back-off, as the kubelet does. */
  restart?: boolean;
  bwrap?: string;
  /** Join this network namespace (a /proc/PID/ns/net path) with nsenter before bwrap. */
  netns?: () => string;
  /** cgroup.procs files the process joins before it becomes the sandbox. */
  cgroupProcs?: readonly string[];
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** Joins the cgroups named in $BATTEN_CGROUP_PROCS, then becomes the command. */
const JOIN_CGROUP = `${JOIN_CGROUP_SH}; exec "$@"`;

/**
 * One confined control-plane process. It runs in its own process group so that stopping
 * it also stops everything bubblewrap started; `dispose()` waits until it has exited.
 * bubblewrap gets its options through a pipe (`--args`), so the host paths they name do
 * not show in any process's command line inside the sandbox.
 *
 * Nothing here throws out of a timer or an event: a process that cannot be started (its
 * log cannot be opened, the binary is gone) is noted, counted as an exit and retried.
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
    this.startedAt = Date.now();
    let fd: number;
    try {
      fd = openOwnLogSync(this.o.logFile);
    } catch (e) {
      this.childPid = Promise.reject(new Error(`${this.o.name}: its log cannot be opened: ${(e as Error).message}`));
      this.childPid.catch(() => undefined);
      this.exits++;
      if (!this.stopped && this.o.restart) this.scheduleRestart();
      return;
    }
    const bwrap = this.o.bwrap ?? 'bwrap';
    const { options, command } = bwrapOptions(this.o.confine, this.o.args);
    const sandbox = [bwrap, '--args', '4', '--info-fd', '3', '--', ...command];
    const inNetns = this.o.netns ? ['nsenter', `--net=${this.o.netns()}`, '--', ...sandbox] : sandbox;
    let child: ChildProcess;
    try {
      child = spawn('/bin/sh', ['-c', JOIN_CGROUP, 'sh', ...inNetns], {
        stdio: ['ignore', fd, fd, 'pipe', 'pipe'],
        detached: true,
        env: { PATH: process.env.PATH ?? '/usr/sbin:/usr/bin:/sbin:/bin', BATTEN_CGROUP_PROCS: (this.o.cgroupProcs ?? []).join(' ') },
      });
    } finally {
      closeSync(fd);
    }
    this.child = child;
    const argsPipe = child.stdio[4] as NodeJS.WritableStream;
    argsPipe.on('error', () => undefined); // the process died before reading: its exit is handled below
    argsPipe.end(options.map((o) => `${o}\0`).join(''));
    const info = child.stdio[3] as NodeJS.ReadableStream;
    info.on('error', () => undefined);
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
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        this.exits++;
        resolve();
        try {
          this.o.onExit?.(code, signal);
        } finally {
          if (!this.stopped && this.o.restart) this.scheduleRestart();
        }
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

  /** Appends lines to this process's log, as the node's supervisor; control characters in
   * them (which may quote what a learner wrote) are escaped. */
  note(...lines: string[]): void {
    try {
      const fd = openOwnLogSync(this.o.logFile);
      try {
        writeSync(fd, lines.map((l) => `batten-node: ${this.o.name} ${escapeControl(l)}\n`).join(''));
      } finally {
        closeSync(fd);
      }
    } catch {
      // the directory is gone (the cluster is being disposed) or its filesystem is full
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
