import { readFileSync } from 'node:fs';
import type { EventView, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser } from '../support/api-client.ts';
import { tempDir } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import { SocketTerminal } from '../support/socket-terminal.ts';
import type { BenchResult } from './cluster.bench.ts';
import { capacityLearners, capacitySettings, cpuPercent, jittered, levelMetrics, LIMITS, levelSizes, levelVerdict, parseMeminfo, parseProcStat, summarizeLevel, type LevelSummary, type LevelVerdict, type MemUse } from './capacity-logic.ts';

const EXERCISE = 'default-sa-cluster-admin';
const OBJECTIVE = 'sa-cannot-read-secrets';
/** A learner's pause (jittered ±40 %) before a keystroke and a fix, and again before the
 * regression: an echo and a fix-and-regress cycle every ~5 s plus the commands' own time. */
const PAUSE_MS = 2500;
/** Longest waits before a learner counts as failed: for a command's output or an echo, and for
 * a verdict (a slow one is a sample, far beyond the 1 s limit; a missing one a failure). */
const STEP_TIMEOUT_MS = 60_000;
const VERDICT_TIMEOUT_MS = 120_000;
/** Longest wait for a learner's sign-up (the per-address limiter lets one through every 10 s
 * after a burst of 30) and, separately, for their session to become ready. */
const JOIN_TIMEOUT_MS = 5 * 60_000;
/** Longest wait for the pool to finish refilling before a level's window opens. */
const SETTLE_TIMEOUT_MS = 5 * 60_000;
/** The weak binding, as a learner finds it: `<binding> <ns>/default`. */
const DISCOVER = String.raw`kubectl get clusterrolebindings -o wide | awk '/ClusterRole\/cluster-admin / && /\/default( |$)/ {print $1, $NF}'`;
const ANSI = /\x1b\[[0-9;?]*[a-zA-Z]|\x1b\][^\x07]*\x07|\r/g;

/**
 * Capacity: adds simulated learners STEP at a time, each a real session (cluster, terminal,
 * checker) typing in its terminal and fixing and regressing the exercise every few seconds,
 * until a level does not hold (fix→verdict p95 > 1 s, host memory > 90 %, a session failed)
 * or CAPACITY_MAX is reached. `capacity.learners` is the last level that held. Local only
 * (minutes, most of the host): `CAPACITY_STEP=2 CAPACITY_MAX=4 CAPACITY_LEVEL_SECONDS=20
 * npm run bench -- capacity` for a short run.
 */
export async function capacityBench(): Promise<BenchResult> {
  const s = capacitySettings(process.env);
  const began = Date.now();
  const poolSize = Math.min(64, s.step);
  const server = await startTestServer({
    // the pool keeps a level's worth of clusters with the setup applied, refilled two at a time;
    // the platform-wide cap on sessions being prepared must not refuse a level's starts
    POOL_SIZE: String(poolSize),
    PREWARM_EXERCISES: EXERCISE,
    POOL_MAX_CONCURRENT_STARTS: '2',
    MAX_PREPARING_SESSIONS: String(Math.max(8, s.step)),
    BATTEN_DATA_DIR: tempDir('batten-bench-capacity-'),
    LOG_LEVEL: 'silent',
  });
  const learners: Learner[] = [];
  const failures: string[] = [];
  const levels: { summary: LevelSummary; verdict: LevelVerdict }[] = [];
  const metrics: Record<string, number> = {};
  let stoppedBy = `reached CAPACITY_MAX=${s.max}`;
  try {
    const admin = new ApiUser(server.base);
    await expectStatus(admin.call('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'admin-password-1' }), 201, 'admin sign-up');
    const ends = new Date(Date.now() + (s.maxMinutes + 60) * 60_000).toISOString();
    const event = (await expectStatus(admin.call<EventView>('POST', '/api/events', { name: 'capacity', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: ends, exercises: [EXERCISE] }), 201, 'event creation')).body;
    await poolSettled(server.base, poolSize);

    for (const size of levelSizes(s)) {
      if (Date.now() - began > s.maxMinutes * 60_000) {
        stoppedBy = `CAPACITY_MAX_MINUTES=${s.maxMinutes} passed before the level of ${size} learners`;
        break;
      }
      const failedBefore = failures.length;
      const joining: Promise<void>[] = [];
      while (learners.length < size) {
        const l = new Learner(server.base, learners.length, (why) => failures.push(why));
        learners.push(l);
        joining.push(l.join(event));
      }
      // the level's clusters and the pool's refill come now: past 90 % of memory, stop before the host runs out
      const ramp = watchMemory(() => learners.forEach((l) => l.halt()));
      await Promise.all(joining);
      progress(`capacity: ${size} learners ready after ${Math.round((Date.now() - began) / 1000)} s`);
      let window: Window | undefined;
      if (failures.length === failedBefore && !ramp.exceeded()) await poolSettled(server.base, poolSize);
      const rampPeak = ramp.stop();
      if (failures.length === failedBefore && rampPeak.pct <= LIMITS.memPct) window = await measure(learners, s.levelSeconds);
      const mem = window && window.mem.pct > rampPeak.pct ? window.mem : rampPeak;
      const summary = summarizeLevel({ learners: size, fixToVerdictMs: window?.fix ?? [], echoRttMs: window?.echo ?? [], cpuPct: window?.cpuPct ?? NaN, mem, failures: failures.slice(failedBefore) });
      const verdict = levelVerdict(summary);
      levels.push({ summary, verdict });
      Object.assign(metrics, levelMetrics(summary));
      progress(`capacity: ${size} learners: fix→verdict p50 ${summary.fixP50} / p95 ${summary.fixP95} ms (${summary.fixes} fixes), echo p95 ${summary.echoP95} ms, CPU ${summary.cpuPct} %, memory ${summary.memPct} % (${summary.memUsedMB} MB)${verdict.held ? '' : `: stopped, ${verdict.reason}`}`);
      if (!verdict.held) {
        stoppedBy = verdict.reason;
        break;
      }
    }
  } finally {
    await Promise.allSettled(learners.map((l) => l.leave()));
    await server.stop();
  }
  metrics['capacity.learners'] = capacityLearners(levels);
  const notes = [
    `stopped by ${stoppedBy}`,
    ...failures.slice(0, 10),
    `per level, host CPU and memory include the bench's own sockets and the ${poolSize} warm clusters the pool keeps`,
  ];
  for (const n of notes) progress(`capacity: ${n}`);
  return { metrics, notes };
}

interface Window {
  fix: number[];
  echo: number[];
  cpuPct: number;
  mem: MemUse;
}

/** All learners cycle for `seconds`: their samples, host CPU over the window and the highest memory reading. */
async function measure(learners: Learner[], seconds: number): Promise<Window> {
  const w: Window = { fix: [], echo: [], cpuPct: 0, mem: readMem() };
  for (const l of learners) l.window = w;
  const cpu0 = parseProcStat(readFileSync('/proc/stat', 'utf8'));
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    await sleep(Math.min(2000, end - Date.now()));
    const m = readMem();
    if (m.pct > w.mem.pct) w.mem = m;
  }
  w.cpuPct = cpuPercent(cpu0, parseProcStat(readFileSync('/proc/stat', 'utf8')));
  for (const l of learners) l.window = undefined;
  await Promise.all(learners.map((l) => l.pending));
  return w;
}

const readMem = () => parseMeminfo(readFileSync('/proc/meminfo', 'utf8'));

/** Reads host memory every 2 s; calls `onExceeded` once when it passes the limit. `stop()`
 * returns the highest reading. */
function watchMemory(onExceeded: () => void): { exceeded: () => boolean; stop: () => MemUse } {
  let peak = readMem();
  let over = false;
  const check = () => {
    const m = readMem();
    if (m.pct > peak.pct) peak = m;
    if (!over && peak.pct > LIMITS.memPct) {
      over = true;
      onExceeded();
    }
  };
  const timer = setInterval(check, 2000);
  check();
  return {
    exceeded: () => over,
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

/** One simulated learner: signs up with the event's code, starts the exercise, attaches to its
 * terminal like the browser, then types, fixes and regresses until it leaves. */
class Learner {
  /** Where samples go while a level is measured. */
  window: Window | undefined;
  /** The action under way, for the level to wait for (never rejects). */
  pending: Promise<unknown> = Promise.resolve();
  private readonly user: ApiUser;
  private sessionId = '';
  private term: SocketTerminal | undefined;
  private readonly stop = new AbortController();
  private cycling: Promise<void> = Promise.resolve();

  constructor(
    base: string,
    private readonly n: number,
    private readonly onFailure: (why: string) => void,
  ) {
    this.user = new ApiUser(base);
  }

  /** Resolves once the learner is cycling, or has failed (reported through onFailure). */
  async join(event: EventView): Promise<void> {
    try {
      await retrying(`sign-up`, () => this.user.call('POST', '/api/auth/signup', { username: `capacity${this.n}`, displayName: `Capacity ${this.n}`, password: `capacity-password-${this.n}`, joinCode: event.joinCode }), 201, this.stop.signal);
      this.sessionId = (await retrying('start', () => this.user.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: event.id }), 202, this.stop.signal)).body.id;
      await this.ready();
      const term = (this.term = await SocketTerminal.open(this.user, this.sessionId));
      term.socket.on('terminal:exit', (p) => this.fail(new Error(`the terminal ended: ${p.reason}`)));
      term.socket.on('disconnect', (why) => this.fail(new Error(`the socket closed: ${why}`)));
      term.socket.on('session:update', (v) => v.status === 'failed' && this.fail(new Error(`the session failed: ${v.error ?? 'no error given'}`)));
      term.socket.emit('session:watch', { sessionId: this.sessionId });
      const found = await term.run(DISCOVER, STEP_TIMEOUT_MS);
      const m = /^(\S+) (\S+)\/default$/m.exec(found.output);
      if (!m) throw new Error(`no ClusterRoleBinding gives a default service account cluster-admin; "${DISCOVER}" printed: ${JSON.stringify(found.output)}`);
      await this.checked();
      if (this.stop.signal.aborted) return;
      this.cycling = this.cycle(m[1]!, m[2]!).catch((e) => this.fail(e));
    } catch (e) {
      this.fail(e);
    }
  }

  private async ready(): Promise<void> {
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    for (;;) {
      const v = (await this.user.call<SessionView>('GET', `/api/sessions/${this.sessionId}`)).body;
      if (v.status === 'ready') return;
      if (v.status !== 'preparing') throw new Error(`the session is ${v.status}${v.error ? `: ${v.error}` : ''}`);
      if (Date.now() > deadline) throw new Error(`the session was not ready in ${JOIN_TIMEOUT_MS / 1000} s (at: ${v.step ?? '?'})`);
      await sleep(1000, this.stop.signal);
    }
  }

  /** Waits for the checker's first verdict (the learner reads the objectives before fixing),
   * so that the first fix does not race the first evaluation. */
  private async checked(): Promise<void> {
    const deadline = Date.now() + VERDICT_TIMEOUT_MS;
    for (;;) {
      const v = (await this.user.call<SessionView>('GET', `/api/sessions/${this.sessionId}`)).body;
      const o = v.objectives.find((x) => x.id === OBJECTIVE);
      if (!o) throw new Error(`the session has no objective ${OBJECTIVE}`);
      if (o.state === 'unmet' && o.detail !== 'not checked yet') return;
      if (o.state !== 'unmet') throw new Error(`${OBJECTIVE} is ${o.state} before any fix: ${o.detail}`);
      if (Date.now() > deadline) throw new Error(`${OBJECTIVE} was not checked in ${VERDICT_TIMEOUT_MS / 1000} s after the session was ready`);
      await sleep(1000, this.stop.signal);
    }
  }

  /** A keystroke and a fix, then the regression, each after a jittered pause, until stopped. A
   * sample belongs to the level that was measuring when its action began, and that level
   * waits for it (`pending`) before it is summarized: slow answers are not left out. */
  private async cycle(binding: string, ns: string): Promise<void> {
    const signal = this.stop.signal;
    const pause = () => sleep(jittered(PAUSE_MS, Math.random()), signal);
    for (let i = 0; !signal.aborted; i++) {
      await pause();
      await this.track(this.echo(String.fromCharCode(97 + (i % 26))));
      // fix→verdict: from kubectl printing `"<binding>" deleted` in the terminal (the API server
      // has removed the binding and kubectl has received its answer) to this learner's socket
      // receiving the objective as met. It includes the checker's watch event, its 20 ms
      // debounce (and, when an evaluation is still running, the wait for it and the engine's
      // back-off of as long as the last one took), the probes' evaluation (SubjectAccessReviews
      // against the learner's cluster), the result written to SQLite and the socket.io push;
      // it leaves out typing, kubectl's start-up and the request itself. When the verdict
      // arrives first (the watch beat kubectl's output through the pty), the sample is 0.
      const w = this.window;
      const [met, deleted] = await this.track(both(this.objective('met'), this.output(new RegExp(`"${binding}" deleted`), `kubectl delete clusterrolebinding ${binding}`)));
      w?.fix.push(Math.max(0, met - deleted));
      await pause();
      await both(this.objective('regressed'), this.output(new RegExp(`/${binding} created`), `kubectl create clusterrolebinding ${binding} --clusterrole=cluster-admin --serviceaccount=${ns}:default`));
    }
  }

  private track<T>(action: Promise<T>): Promise<T> {
    this.pending = action.catch(() => undefined);
    return action;
  }

  /** One keystroke → its echo, then the line cleared (Ctrl-U). */
  private async echo(ch: string): Promise<void> {
    const term = this.term!;
    const w = this.window;
    const got = this.until('echo of a keystroke', STEP_TIMEOUT_MS, (resolve) => {
      const on = (p: { sessionId: string; data: string }) => p.data.includes(ch) && resolve(performance.now());
      term.socket.on('terminal:data', on);
      return () => term.socket.off('terminal:data', on);
    });
    const t0 = performance.now();
    term.socket.emit('terminal:input', { sessionId: this.sessionId, data: ch });
    const t1 = await got;
    w?.echo.push(t1 - t0);
    term.socket.emit('terminal:input', { sessionId: this.sessionId, data: '\u0015' });
  }

  /** Types `command` and resolves with the time its output matches `done`; kubectl's errors fail. */
  private output(done: RegExp, command: string): Promise<number> {
    const term = this.term!;
    let text = '';
    const p = this.until(`"${command}" to print ${done}`, STEP_TIMEOUT_MS, (resolve, reject) => {
      const on = (d: { sessionId: string; data: string }) => {
        text = (text + d.data).replace(ANSI, '').slice(-4000);
        if (done.test(text)) resolve(performance.now());
        else if (/Error from server|error: /.test(text)) reject(new Error(`"${command}" failed: ${text.trim().slice(-300)}`));
      };
      term.socket.on('terminal:data', on);
      return () => term.socket.off('terminal:data', on);
    });
    term.socket.emit('terminal:input', { sessionId: this.sessionId, data: `${command}\n` });
    return p;
  }

  /** Resolves with the time this learner's socket receives the objective in `state`. */
  private objective(state: 'met' | 'regressed'): Promise<number> {
    const socket = this.term!.socket;
    return this.until(`${OBJECTIVE} to be ${state}`, VERDICT_TIMEOUT_MS, (resolve) => {
      const on = (p: { sessionId: string; objective: { id: string; state: string } }) => p.sessionId === this.sessionId && p.objective.id === OBJECTIVE && p.objective.state === state && resolve(performance.now());
      socket.on('objective:update', on);
      return () => socket.off('objective:update', on);
    });
  }

  /** A wait that listens through `listen` (which returns its own removal), bounded by
   * `timeoutMs` and ended when the learner stops. */
  private until(what: string, timeoutMs: number, listen: (resolve: (t: number) => void, reject: (e: Error) => void) => () => void): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const signal = this.stop.signal;
      const finish = (f: () => void) => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        off();
        f();
      };
      const onAbort = () => finish(() => reject(new Error('stopped')));
      const timer = setTimeout(() => finish(() => reject(new Error(`no ${what} in ${timeoutMs / 1000} s`))), timeoutMs);
      const off = listen((t) => finish(() => resolve(t)), (e) => finish(() => reject(e)));
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  private fail(e: unknown): void {
    if (this.stop.signal.aborted) return;
    this.stop.abort();
    this.onFailure(`learner ${this.n}: ${(e as Error).message}`);
  }

  /** Stops joining or cycling without counting as a failure (the bench is stopping the ramp). */
  halt(): void {
    this.stop.abort();
  }

  /** Stops cycling, closes the terminal and ends the session. */
  async leave(): Promise<void> {
    this.stop.abort();
    await this.cycling;
    this.term?.close();
    if (this.sessionId) await this.user.call('DELETE', `/api/sessions/${this.sessionId}`).catch(() => undefined);
  }
}

/** Both waits, failing with the first error (the other one's later rejection is handled). */
function both(a: Promise<number>, b: Promise<number>): Promise<[number, number]> {
  a.catch(() => undefined);
  b.catch(() => undefined);
  return Promise.all([a, b]);
}

async function expectStatus<T extends { status: number; text: string }>(p: Promise<T>, status: number, what: string): Promise<T> {
  const r = await p;
  if (r.status !== status) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
  return r;
}

/** Calls until `want` comes back; 429 (a limiter) and 503 (the platform busy preparing) are
 * waited out until JOIN_TIMEOUT_MS, anything else is an error. */
async function retrying<T extends { status: number; text: string }>(what: string, call: () => Promise<T>, want: number, signal: AbortSignal): Promise<T> {
  const deadline = Date.now() + JOIN_TIMEOUT_MS;
  for (;;) {
    const r = await call();
    if (r.status === want) return r;
    if ((r.status !== 429 && r.status !== 503) || Date.now() > deadline) throw new Error(`${what}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    await sleep(r.status === 429 ? 5000 : 2000, signal);
  }
}

/** Waits (bounded) until the pool has no cluster starting and `size` warm ones, so a level's
 * window does not also measure the refill that its own arrivals caused. */
async function poolSettled(base: string, size: number): Promise<void> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const p = (await (await fetch(`${base}/api/pool`)).json()) as { warm: number; starting: number };
    if (p.starting === 0 && p.warm >= size) return;
    await sleep(1000);
  }
  progress(`capacity: the pool had not refilled after ${SETTLE_TIMEOUT_MS / 1000} s; measuring anyway`);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new Error('stopped'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Error('stopped'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

const progress = (line: string) => process.stderr.write(`${line}\n`);
