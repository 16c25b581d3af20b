import { keepWatching } from '../kube/kube-client.ts';
import type { AttackStep, AttackView } from '../protocol/rest.ts';
import { nextState, type ObjectiveState } from '../scoring/rules.ts';
import { evaluateObjective, type ObjectiveSpec } from './objective-eval.ts';
import type { ProbeContext, ProbeKind, WatchTarget } from './probe.ts';

export interface ObjectiveStatus {
  id: string;
  state: ObjectiveState;
  detail: string;
  /** The attack its probes replayed, now and when it last worked; absent when they replay none
   * or could not answer. */
  attack?: AttackView;
  /** Date.now() of the evaluation that produced this status. */
  at: number;
}

export interface EngineOptions {
  objectives: readonly ObjectiveSpec[];
  probes: Readonly<Record<string, ProbeKind<never>>>;
  ctx: ProbeContext;
  /** Called with each objective whose state or detail changed. */
  onChange: (status: ObjectiveStatus) => void;
  debounceMs?: number;
  /** Re-evaluation for answers that change without an object changing (API server restarts). */
  pollMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * One learner session's checker. It watches every collection its probes read, re-evaluates
 * (debounced) on each change and on a slow timer, and reports objective states only when
 * they change. `dispose()` stops every watch and timer.
 */
export class CheckEngine {
  private readonly status = new Map<string, ObjectiveStatus>();
  private readonly everMet = new Set<string>();
  /** Per objective, the transcript of the last evaluation in which the attack worked. */
  private readonly lastWorked = new Map<string, AttackStep[]>();
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  /** Objectives waiting for (re-)evaluation. */
  private readonly dirty = new Set<string>();
  /** Objectives to re-evaluate when a collection of this kind changes. */
  private readonly byKind = new Map<string, Set<string>>();
  private readonly polling = new Set<string>();
  private ticks = 0;
  /** An evaluation waits at least as long as the last one took: a learner who keeps the
   * cluster busy (many objects, many changes) gets the checker at most half the time. */
  private notBefore = 0;

  constructor(private readonly o: EngineOptions) {}

  /** Starts watching; the first evaluation runs at once. Objectives with a probe whose
   * answer can change without an object changing are re-evaluated every pollMs, the rest
   * every 10 × pollMs as a safety net. */
  start(): void {
    for (const target of this.targets()) void this.watchLoop(target);
    this.poller = setInterval(() => {
      this.ticks++;
      this.schedule(this.ticks % 10 === 0 ? this.allIds() : this.polling, 0);
    }, this.o.pollMs ?? 3000);
    this.poller.unref();
    this.schedule(this.allIds(), 0);
  }

  private allIds(): Set<string> {
    return new Set(this.o.objectives.map((o) => o.id));
  }

  states(): ObjectiveStatus[] {
    return [...this.status.values()];
  }

  /** Evaluates every objective (or those in `only`) now; reports changes like any other. */
  async evaluateAll(only?: ReadonlySet<string>): Promise<ObjectiveStatus[]> {
    const at = Date.now();
    const objectives = this.o.objectives.filter((o) => !only || only.has(o.id));
    const verdicts = await Promise.all(objectives.map((obj) => evaluateObjective(obj, this.o.probes, this.o.ctx)));
    if (this.abort.signal.aborted) return this.states();
    objectives.forEach((obj, i) => {
      const v = verdicts[i]!;
      const state = nextState(this.everMet.has(obj.id), v.verdict);
      if (state === 'met') this.everMet.add(obj.id);
      if (v.open && v.attack.length > 0) this.lastWorked.set(obj.id, v.attack);
      const before = this.lastWorked.get(obj.id);
      const attack = v.attack.length > 0 ? { now: v.attack, ...(before ? { before } : {}) } : undefined;
      const prev = this.status.get(obj.id);
      const next: ObjectiveStatus = { id: obj.id, state, detail: v.detail, ...(attack ? { attack } : {}), at };
      this.status.set(obj.id, next);
      if (!prev || prev.state !== state || prev.detail !== v.detail || JSON.stringify(prev.attack) !== JSON.stringify(attack)) this.o.onChange(next);
    });
    return this.states();
  }

  private schedule(ids: Iterable<string>, delay = this.o.debounceMs ?? 20): void {
    if (this.abort.signal.aborted) return;
    for (const id of ids) this.dirty.add(id);
    if (this.running || this.timer || this.dirty.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = new Set(this.dirty);
      this.dirty.clear();
      const started = Date.now();
      this.running = this.evaluateAll(batch)
        .then(() => undefined, (e) => this.o.onError?.(e))
        .finally(() => {
          this.running = undefined;
          this.notBefore = Date.now() + (Date.now() - started);
          if (this.dirty.size > 0) this.schedule([], 0);
        });
    }, Math.max(delay, this.notBefore - Date.now()));
  }

  /** One cluster-wide watch per kind (cheaper than one per namespace), and which
   * objectives each kind concerns. */
  private targets(): WatchTarget[] {
    const seen = new Map<string, WatchTarget>();
    for (const obj of this.o.objectives) {
      for (const p of [...obj.pass, ...obj.keep]) {
        const kind = this.o.probes[p.kind];
        if (kind?.polls) this.polling.add(obj.id);
        for (const t of kind?.watches(p.spec as never) ?? []) {
          const key = `${t.apiVersion ?? ''}/${t.kind}`;
          seen.set(key, { ...t, namespace: undefined });
          if (!this.byKind.has(key)) this.byKind.set(key, new Set());
          this.byKind.get(key)!.add(obj.id);
        }
      }
    }
    return [...seen.values()];
  }

  private async watchLoop(t: WatchTarget): Promise<void> {
    const concerned = this.byKind.get(`${t.apiVersion ?? ''}/${t.kind}`) ?? new Set<string>();
    // after a watch ends, one evaluation covers what changed in between (a down API server reports `unknown`)
    await keepWatching(this.o.ctx.kube, t.apiVersion, t.kind, () => this.schedule(concerned), this.abort.signal);
  }

  dispose(): void {
    this.abort.abort();
    clearTimeout(this.timer);
    this.timer = undefined;
    clearInterval(this.poller);
  }
}
