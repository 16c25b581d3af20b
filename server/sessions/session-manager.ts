import type { Cluster, ShellLimits } from '../clusters/provider.ts';
import { KeyedLimiter } from '../http/rate-limit.ts';
import type { ObjectiveStatus } from '../checks/engine.ts';
import { hintCost } from '../events/event-policy.ts';
import type { EventStore } from '../events/event-store.ts';
import type { ExercisePools } from '../exercises/exercise-pools.ts';
import { displayed } from '../exercises/instance.ts';
import type { LoadedExercise } from '../exercises/loader.ts';
import type { HintView, Me, ObjectiveView, SessionView } from '../protocol/rest.ts';
import type { ReplayStore } from '../replay/replay-store.ts';
import type { ScoreScope, ScoreStore } from '../scoring/score-store.ts';
import { TerminalSession } from '../terminal/terminal-session.ts';
import { LearnerSession, type AwardEvent } from './learner-session.ts';

export class SessionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface SessionManagerDeps {
  exercise: (name: string) => LoadedExercise | undefined;
  pools: ExercisePools;
  store: ScoreStore;
  /** Where learners' changes are recorded for the replay (none when absent). */
  replay?: Pick<ReplayStore, 'record'>;
  events: EventStore;
  /** Sessions whose clusters may be prepared at once, across all learners. */
  maxPreparing: number;
  terminal: { dir: string; limits: ShellLimits; idleMs: number };
  onUpdate: (userId: number, view: SessionView) => void;
  onObjective: (userId: number, sessionId: string, o: ObjectiveView) => void;
  onAward: (userId: number, sessionId: string, a: AwardEvent & { score: number; eventId: number }) => void;
  onError: (err: unknown) => void;
  /** Something an instructor's grid shows changed in this event (a session, a state, a hint). */
  onActivity?: (eventId: number) => void;
  /** How long a completed session's cluster lives when its event destroys clusters on
   * completion (so the learner sees the result first). */
  completionGraceMs?: number;
}

interface Managed {
  id: string;
  user: Me;
  /** As catalogued until the cluster is taken; then as set up on it, with the learner's values. */
  ex: LoadedExercise;
  /** The learner's values are drawn (the cluster is taken). */
  drawn: boolean;
  scope: ScoreScope;
  status: SessionView['status'];
  step?: string;
  error?: string;
  cluster?: Cluster;
  terminal?: TerminalSession;
  learner?: LearnerSession;
  /** `prepare` has not finished (even if the session was ended meanwhile). */
  inFlight: boolean;
}

/**
 * Learners' exercise sessions: a prepared cluster from the exercise's pool, a sandboxed
 * terminal on it and a checker scoring into SQLite. One session per learner at a time;
 * every accessor checks that the session is the caller's. Starting again what is already
 * running returns it; a learner prepares one cluster at a time, and the platform at most
 * `maxPreparing` (ending a session does not free its slot until its preparation stops).
 */
export class SessionManager {
  private readonly sessions = new Map<string, Managed>();
  private seq = 0;
  /** New sessions per learner: a burst of 6, then one every 30 s. */
  private readonly starts = new KeyedLimiter({ rate: 1 / 30, burst: 6, maxKeys: 10_000 });

  constructor(private readonly d: SessionManagerDeps) {}

  /** `counted`: the start was already counted against the learner's limit (a reset), or an
   * instructor asked for it. */
  start(me: Me, exerciseName: string, eventId: number, o: { counted?: boolean } = {}): SessionView {
    const ex = this.d.exercise(exerciseName);
    if (!ex) throw new SessionError(404, `no exercise named ${exerciseName}`);
    if (eventId !== 0) {
      const event = this.d.events.get(eventId, me);
      if (!event || !this.d.events.isMember(eventId, me.id)) throw new SessionError(403, 'join the event first');
      if (!event.exercises.includes(ex.name)) throw new SessionError(400, `${ex.name} is not part of ${event.name}`);
      if (!this.d.events.openFor(eventId, me.id)) throw new SessionError(409, `${event.name} is not running now`);
    }
    const all = [...this.sessions.values()];
    const mine = all.filter((s) => s.user.id === me.id);
    const same = mine.find((s) => s.ex.name === ex.name && s.scope.eventId === eventId && (s.status === 'preparing' || s.status === 'ready'));
    if (same) return this.view(same);
    const busy = mine.find((s) => s.inFlight);
    if (busy) throw new SessionError(429, `a cluster for ${busy.ex.name} is still being prepared for you; wait until it is ready before starting another exercise`);
    if (all.filter((s) => s.inFlight).length >= this.d.maxPreparing) throw new SessionError(503, 'the platform is busy preparing clusters; try again in a minute');
    // each new session takes a prepared cluster and makes the pool start another: a learner
    // who loops start → end would drain it for everyone
    if (!o.counted && !this.starts.take(String(me.id))) throw new SessionError(429, 'you started many exercises in a row: wait half a minute, then start this one again');
    for (const s of mine) if (s.status !== 'ended' && s.status !== 'failed') void this.stop(s);
    const m: Managed = { id: `s${Date.now().toString(36)}${(this.seq++).toString(36)}${Math.random().toString(36).slice(2, 8)}`, user: me, ex, scope: { userId: me.id, eventId, exercise: ex.name }, status: 'preparing', step: 'Taking a prepared cluster', inFlight: true, drawn: false };
    this.sessions.set(m.id, m);
    void this.prepare(m);
    this.activity(m);
    return this.view(m);
  }

  /** A fresh cluster for the learner's session: the old one ends, a new one starts with the
   * exercise's setup (new values drawn); awards are kept and the states recomputed. */
  async reset(me: Me, id: string): Promise<SessionView> {
    return this.restart(this.mine(me, id), false);
  }

  private async restart(m: Managed, byInstructor: boolean): Promise<SessionView> {
    if (m.status !== 'ready' && m.status !== 'failed') throw new SessionError(409, m.status === 'preparing' ? 'the cluster is still being prepared' : 'this session has ended; start the exercise again');
    // a learner's reset counts as a start: refused before their cluster goes, not after
    if (!byInstructor && !this.starts.take(String(m.user.id))) throw new SessionError(429, 'you started or reset many times in a row: wait half a minute, then reset again');
    await this.stop(m);
    return this.start(m.user, m.ex.name, m.scope.eventId, { counted: true });
  }

  /** The running sessions of an event, per learner (for the instructor's grid). */
  running(eventId: number): Map<number, { id: string; exercise: string; status: 'preparing' | 'ready' }> {
    const out = new Map<number, { id: string; exercise: string; status: 'preparing' | 'ready' }>();
    for (const m of this.sessions.values()) {
      if (m.scope.eventId === eventId && (m.status === 'preparing' || m.status === 'ready')) out.set(m.user.id, { id: m.id, exercise: m.ex.name, status: m.status });
    }
    return out;
  }

  private runningOf(userId: number, eventId: number): Managed {
    const m = [...this.sessions.values()].find((s) => s.user.id === userId && s.scope.eventId === eventId && (s.status === 'preparing' || s.status === 'ready'));
    if (!m) throw new SessionError(404, 'that learner has no running session in this event');
    return m;
  }

  /** An instructor gives a learner a fresh cluster for the exercise they are on. */
  async freshClusterFor(userId: number, eventId: number): Promise<SessionView> {
    return this.restart(this.runningOf(userId, eventId), true);
  }

  /** An instructor ends a learner's running session in their event. */
  async endFor(userId: number, eventId: number): Promise<void> {
    await this.stop(this.runningOf(userId, eventId));
  }

  /** Ends every event session whose time is up (the event's end plus the learner's extra
   * minutes): its terminal, checker and cluster go. Returns how many ended. */
  async endExpired(now = new Date()): Promise<number> {
    const ending = [...this.sessions.values()].filter((m) => {
      if (m.scope.eventId === 0 || m.status === 'ended') return false;
      return !this.d.events.openFor(m.scope.eventId, m.user.id, now);
    });
    await Promise.all(ending.map((m) => this.stop(m)));
    return ending.length;
  }

  private activity(m: Managed): void {
    if (m.scope.eventId !== 0) this.d.onActivity?.(m.scope.eventId);
  }

  /** In an event that destroys clusters on completion, a completed session ends a little later. */
  private afterAward(m: Managed): void {
    if (m.scope.eventId === 0 || this.d.events.policy(m.scope.eventId)?.destroyClusters !== 'completion') return;
    const awarded = this.d.store.awardedObjectives(m.scope);
    if (!m.ex.exercise.objectives.every((o) => awarded.has(o.id))) return;
    setTimeout(() => void this.stop(m), this.d.completionGraceMs ?? 60_000).unref();
  }

  private async prepare(m: Managed): Promise<void> {
    try {
      const taken = await this.d.pools.acquire(m.ex);
      m.cluster = taken.cluster;
      if (m.status !== 'preparing') return void (await this.release(m));
      m.ex = taken.exercise;
      m.drawn = true;
      this.step(m, 'Opening your terminal');
      m.terminal = new TerminalSession({ cluster: m.cluster, ...this.d.terminal, onExit: () => void this.stop(m) });
      await m.terminal.start();
      if (m.status !== 'preparing') return; // ended meanwhile: stop() released everything
      m.learner = new LearnerSession({
        exercise: m.ex,
        cluster: m.cluster,
        store: this.d.store,
        scope: m.scope,
        id: m.id,
        replay: this.d.replay,
        onError: this.d.onError,
        onStatus: (s) => {
          this.d.onObjective(m.user.id, m.id, this.objectiveViews(m, s.id)[0]!);
          this.activity(m);
        },
        onAward: (a) => {
          this.d.onAward(m.user.id, m.id, { ...a, score: this.d.store.score(m.user.id, m.scope.eventId), eventId: m.scope.eventId });
          this.afterAward(m);
        },
      });
      m.learner.start();
      m.status = 'ready';
      m.step = undefined;
      this.d.onUpdate(m.user.id, this.view(m));
      this.activity(m);
    } catch (e) {
      m.status = 'failed';
      m.error = `${(e as Error).message}. Try again; if it keeps failing, tell your instructor.`;
      this.d.onError(e);
      await this.release(m);
      this.d.onUpdate(m.user.id, this.view(m));
    } finally {
      m.inFlight = false;
    }
  }

  private step(m: Managed, step: string): void {
    m.step = step;
    this.d.onUpdate(m.user.id, this.view(m));
  }

  private mine(me: Me, id: string): Managed {
    const m = this.sessions.get(id);
    if (!m || m.user.id !== me.id) throw new SessionError(404, 'no such session');
    return m;
  }

  get(me: Me, id: string): SessionView {
    return this.view(this.mine(me, id));
  }

  terminal(me: Me, id: string): TerminalSession | undefined {
    const m = this.mine(me, id);
    if (m.cluster) this.d.pools.touch(m.ex, m.cluster);
    return m.terminal;
  }

  revealHint(me: Me, id: string, objective: string, index: number): HintView {
    const m = this.mine(me, id);
    const hint = m.ex.exercise.objectives.find((o) => o.id === objective)?.hints[index];
    if (!hint) throw new SessionError(404, 'no such hint');
    const policy = m.scope.eventId === 0 ? undefined : this.d.events.policy(m.scope.eventId);
    if (policy && !policy.hintsAllowed) throw new SessionError(403, 'hints are off in this event');
    const cost = policy ? hintCost(hint.cost, policy) : hint.cost;
    this.d.store.revealHint(m.scope, objective, index, cost);
    this.activity(m);
    return { index, cost, text: m.drawn ? hint.text : (displayed(m.ex).hints.get(objective)?.[index] ?? hint.text) };
  }

  async end(me: Me, id: string): Promise<void> {
    await this.stop(this.mine(me, id));
  }

  /** Ends every session of a user (their account was disabled): terminal, checker, cluster. */
  async endUser(userId: number): Promise<void> {
    await Promise.all([...this.sessions.values()].filter((m) => m.user.id === userId).map((m) => this.stop(m)));
  }

  private async stop(m: Managed): Promise<void> {
    if (m.status === 'ended') return;
    m.status = 'ended';
    await this.release(m);
    this.d.onUpdate(m.user.id, this.view(m));
    this.activity(m);
    // keep it a while so a reloading page learns it ended, then forget it
    setTimeout(() => this.sessions.delete(m.id), 10 * 60_000).unref();
  }

  /** The pool's reaper disposed a cluster (idle or too old): end the session on it. */
  clusterReaped(cluster: Cluster): void {
    for (const m of this.sessions.values()) {
      if (m.cluster !== cluster) continue;
      m.cluster = undefined; // already disposed by the pool
      void this.stop(m);
    }
  }

  private async release(m: Managed): Promise<void> {
    m.learner?.dispose();
    await m.terminal?.dispose();
    if (m.cluster) await this.d.pools.release(m.ex, m.cluster).catch(this.d.onError);
    m.learner = undefined;
    m.terminal = undefined;
    m.cluster = undefined;
  }

  /** Views of the session's objectives (or of one): reads awards and hints once. */
  private objectiveViews(m: Managed, only?: string): ObjectiveView[] {
    const states = new Map((m.learner?.states() ?? []).map((s) => [s.id, s]));
    const shown = m.drawn ? undefined : displayed(m.ex);
    const revealed = this.d.store.revealedHints(m.scope);
    // hints at this event's price; none shown when the event turned them off
    const policy = m.scope.eventId === 0 ? undefined : this.d.events.policy(m.scope.eventId);
    const awarded = this.d.store.awardedObjectives(m.scope);
    return m.ex.exercise.objectives
      .filter((o) => only === undefined || o.id === only)
      .map((o) => {
        const s: ObjectiveStatus | undefined = states.get(o.id);
        return {
          id: o.id,
          title: shown?.titles.get(o.id) ?? o.title,
          points: o.points,
          state: s?.state ?? 'unmet',
          detail: s?.detail ?? 'not checked yet',
          awarded: awarded.has(o.id),
          hints: policy?.hintsAllowed === false ? [] : o.hints.map((h, i) => ({ index: i, cost: policy ? hintCost(h.cost, policy) : h.cost, ...(revealed.has(`${o.id}#${i}`) ? { text: shown?.hints.get(o.id)?.[i] ?? h.text } : {}) })),
          ...(s?.attack ? { attack: s.attack } : {}),
        };
      });
  }

  private view(m: Managed): SessionView {
    return {
      id: m.id,
      exercise: m.ex.name,
      eventId: m.scope.eventId,
      status: m.status,
      ...(m.step ? { step: m.step } : {}),
      ...(m.error ? { error: m.error } : {}),
      ...(m.drawn ? { briefing: m.ex.briefing } : {}),
      objectives: this.objectiveViews(m),
      score: this.d.store.score(m.user.id, m.scope.eventId),
    };
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((m) => this.stop(m)));
  }
}
