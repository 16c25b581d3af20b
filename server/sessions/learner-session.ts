import { randomUUID } from 'node:crypto';
import type { Cluster } from '../clusters/provider.ts';
import { CheckEngine, type ObjectiveStatus } from '../checks/engine.ts';
import { probeContext } from '../checks/context.ts';
import { PROBES } from '../checks/probes/index.ts';
import type { LoadedExercise } from '../exercises/loader.ts';
import { ReplayRecorder } from '../replay/recorder.ts';
import type { ReplayStore } from '../replay/replay-store.ts';
import type { ScoreScope, ScoreStore } from '../scoring/score-store.ts';

export interface AwardEvent {
  objective: string;
  points: number;
  bonus: number;
}

export interface LearnerSessionDeps {
  exercise: LoadedExercise;
  cluster: Cluster;
  store: ScoreStore;
  scope: ScoreScope;
  /** The session's id (the one the learner's page knows); a new UUID when not given. */
  id?: string;
  /** Where the learner's changes are recorded for the replay; none recorded when absent. */
  replay?: Pick<ReplayStore, 'record'>;
  /** Every objective status change (for the learner's page). */
  onStatus?: (s: ObjectiveStatus) => void;
  /** Points awarded, once each (for the learner's page and the leaderboard). */
  onAward?: (a: AwardEvent) => void;
  onError?: (err: unknown) => void;
  pollMs?: number;
}

/**
 * One learner on one exercise: the checker engine on their cluster, every result recorded
 * and each newly met objective awarded on the server. Data flows one way: cluster → checks
 * → results → awards. Beside the checker, the replay recorder (when given a store) records
 * the learner's changes. `dispose()` stops both; the cluster belongs to the caller.
 */
export class LearnerSession {
  readonly id: string;
  private readonly engine: CheckEngine;
  private readonly recorder: ReplayRecorder | undefined;

  constructor(private readonly d: LearnerSessionDeps) {
    this.id = d.id ?? randomUUID();
    this.recorder = d.replay && new ReplayRecorder({ cluster: d.cluster, sessionId: this.id, store: d.replay, onError: d.onError });
    const objectives = d.exercise.exercise.objectives;
    this.engine = new CheckEngine({
      objectives,
      probes: PROBES,
      ctx: probeContext(d.cluster),
      pollMs: d.pollMs,
      onError: d.onError,
      onChange: (s) => this.changed(s),
    });
  }

  start(): void {
    this.d.store.startSession(this.id, this.d.scope, this.d.cluster.name, this.d.exercise.seed);
    this.engine.start();
    this.recorder?.start();
  }

  states(): ObjectiveStatus[] {
    return this.engine.states();
  }

  private changed(s: ObjectiveStatus): void {
    try {
      this.d.store.recordResult(this.id, s.id, s.state, s.detail);
      this.d.onStatus?.(s);
      if (s.state !== 'met') return;
      const ex = this.d.exercise.exercise;
      const objective = ex.objectives.find((o) => o.id === s.id)!;
      const r = this.d.store.awardObjective(this.d.scope, objective, { objectiveIds: ex.objectives.map((o) => o.id), completionBonus: ex.completionBonus }, this.id);
      if (r.awarded) this.d.onAward?.({ objective: s.id, points: objective.points, bonus: r.bonusAwarded ? ex.completionBonus : 0 });
    } catch (e) {
      this.d.onError?.(e);
    }
  }

  dispose(): void {
    this.engine.dispose();
    this.recorder?.dispose();
    this.d.store.endSession(this.id);
  }
}
