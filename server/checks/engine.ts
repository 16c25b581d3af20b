import type { KubeClient } from '../kube/kube-client.ts';
import { nextState, type ObjectiveState } from '../scoring/rules.ts';
import { evaluateObjective, type ObjectiveSpec } from './objective-eval.ts';
import type { ProbeContext, ProbeKind, WatchTarget } from './probe.ts';

export interface ObjectiveStatus {
  id: string;
  state: ObjectiveState;
  detail: string;
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
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private dirty = false;

  constructor(private readonly o: EngineOptions) {}

  /** Starts watching; the first evaluation runs at once. */
  start(): void {
    for (const target of this.targets()) void this.watchLoop(target);
    this.poller = setInterval(() => this.schedule(), this.o.pollMs ?? 3000);
    this.poller.unref();
    this.schedule(0);
  }

  states(): ObjectiveStatus[] {
    return [...this.status.values()];
  }

  /** One full evaluation of every objective, now; reports changes like any other. */
  async evaluateAll(): Promise<ObjectiveStatus[]> {
    const at = Date.now();
    const verdicts = await Promise.all(this.o.objectives.map((obj) => evaluateObjective(obj, this.o.probes, this.o.ctx)));
    if (this.abort.signal.aborted) return this.states();
    this.o.objectives.forEach((obj, i) => {
      const v = verdicts[i]!;
      const state = nextState(this.everMet.has(obj.id), v.verdict);
      if (state === 'met') this.everMet.add(obj.id);
      const prev = this.status.get(obj.id);
      const next = { id: obj.id, state, detail: v.detail, at };
      this.status.set(obj.id, next);
      if (!prev || prev.state !== state || prev.detail !== v.detail) this.o.onChange(next);
    });
    return this.states();
  }

  private schedule(delay = this.o.debounceMs ?? 20): void {
    if (this.abort.signal.aborted) return;
    if (this.running) {
      this.dirty = true;
      return;
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.evaluateAll()
        .then(() => undefined, (e) => this.o.onError?.(e))
        .finally(() => {
          this.running = undefined;
          if (this.dirty) {
            this.dirty = false;
            this.schedule(0);
          }
        });
    }, delay);
  }

  private targets(): WatchTarget[] {
    const seen = new Map<string, WatchTarget>();
    for (const obj of this.o.objectives) {
      for (const p of [...obj.pass, ...obj.keep]) {
        for (const t of this.o.probes[p.kind]?.watches(p.spec as never) ?? []) {
          const wide = { ...t, namespace: undefined }; // one cluster-wide watch per kind is cheaper than many
          seen.set(`${t.apiVersion ?? ''}/${t.kind}`, wide);
        }
      }
    }
    return [...seen.values()];
  }

  private async watchLoop(t: WatchTarget): Promise<void> {
    const kube: KubeClient = this.o.ctx.kube;
    while (!this.abort.signal.aborted) {
      try {
        const path = await kube.path(t.apiVersion, t.kind);
        await kube.watch(path, () => this.schedule(), this.abort.signal);
      } catch {
        // the API server is down or restarting: the poller reports `unknown` meanwhile
      }
      if (!this.abort.signal.aborted) await new Promise((r) => setTimeout(r, 500));
    }
  }

  dispose(): void {
    this.abort.abort();
    clearTimeout(this.timer);
    clearInterval(this.poller);
  }
}
