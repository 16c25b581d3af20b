import type { Db } from '../db/database.ts';
import { hintCost, isOpen } from '../events/event-policy.ts';
import { COMPLETION, completionEarned, totalScore, type ObjectiveState } from './rules.ts';

/** Where an award belongs: one learner, in one event (0 = practice), on one exercise. */
export interface ScoreScope {
  userId: number;
  eventId: number;
  exercise: string;
}

/** Awards, hint reveals and objective results in SQLite. Every award is one row under a
 * unique key, written in one transaction, so a retry or a race never awards twice. */
export class ScoreStore {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  startSession(sessionId: string, scope: ScoreScope, cluster: string, seed?: string): void {
    this.db.prepare('INSERT INTO sessions (id, user_id, event_id, exercise, cluster, seed) VALUES (?, ?, ?, ?, ?, ?)').run(sessionId, scope.userId, scope.eventId, scope.exercise, cluster, seed ?? null);
  }

  endSession(sessionId: string): void {
    this.db.prepare("UPDATE sessions SET ended_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ? AND ended_at IS NULL").run(sessionId);
  }

  recordResult(sessionId: string, objectiveId: string, state: ObjectiveState, detail: string): void {
    this.db.prepare('INSERT INTO objective_results (session_id, objective_id, state, detail) VALUES (?, ?, ?, ?)').run(sessionId, objectiveId, state, detail);
  }

  /** Awards an objective's points once; when that completes the exercise, the bonus too. In an
   * event, hints of that objective revealed in practice or another event are charged to the
   * event as well (once, at its price), so practice is no free hint shop. Nothing is awarded
   * in an event outside its time (from its start to its end plus the learner's extra
   * minutes): `closed` says so. */
  awardObjective(
    scope: ScoreScope,
    objective: { id: string; points: number; hints?: readonly { cost: number }[] },
    exercise: { objectiveIds: readonly string[]; completionBonus: number },
    sessionId?: string,
  ): { awarded: boolean; bonusAwarded: boolean; closed?: true } {
    return this.db.transaction(() => {
      if (scope.eventId !== 0 && !this.eventOpen(scope)) return { awarded: false, bonusAwarded: false, closed: true as const };
      const insert = this.db.prepare(
        'INSERT INTO awards (user_id, event_id, exercise, objective, points, session_id) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
      );
      const awarded = insert.run(scope.userId, scope.eventId, scope.exercise, objective.id, objective.points, sessionId ?? null).changes === 1;
      if (awarded && scope.eventId !== 0) this.chargeHintsSeenElsewhere(scope, objective);
      let bonusAwarded = false;
      if (awarded && exercise.completionBonus > 0 && completionEarned(exercise.objectiveIds, this.awardedObjectives(scope))) {
        bonusAwarded = insert.run(scope.userId, scope.eventId, scope.exercise, COMPLETION, exercise.completionBonus, sessionId ?? null).changes === 1;
      }
      return { awarded, bonusAwarded };
    }).immediate();
  }

  /** Hints of the objective revealed in practice or in another event are charged to this
   * event too (once each), at this event's price: its base cost times the event's multiplier. */
  private chargeHintsSeenElsewhere(scope: ScoreScope, objective: { id: string; hints?: readonly { cost: number }[] }): void {
    const seen = this.db
      .prepare('SELECT hint_index, MAX(cost) AS cost FROM hint_reveals WHERE user_id = ? AND event_id != ? AND exercise = ? AND objective = ? GROUP BY hint_index')
      .all(scope.userId, scope.eventId, scope.exercise, objective.id) as { hint_index: number; cost: number }[];
    if (seen.length === 0) return;
    const policy = this.db.prepare('SELECT hint_cost_multiplier AS m FROM events WHERE id = ?').get(scope.eventId) as { m: number } | undefined;
    const charge = this.db.prepare('INSERT INTO hint_reveals (user_id, event_id, exercise, objective, hint_index, cost) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    for (const h of seen) {
      const base = objective.hints?.[h.hint_index]?.cost ?? h.cost;
      charge.run(scope.userId, scope.eventId, scope.exercise, objective.id, h.hint_index, hintCost(base, { hintCostMultiplier: policy?.m ?? 1 }));
    }
  }

  private eventOpen(scope: ScoreScope): boolean {
    const e = this.db
      .prepare('SELECT e.starts_at AS startsAt, e.ends_at AS endsAt, COALESCE(x.minutes, 0) AS extra FROM events e LEFT JOIN event_extensions x ON x.event_id = e.id AND x.user_id = ? WHERE e.id = ?')
      .get(scope.userId, scope.eventId) as { startsAt: string; endsAt: string; extra: number } | undefined;
    return !!e && isOpen(this.now(), e, e.extra);
  }

  awardedObjectives(scope: ScoreScope): Set<string> {
    const rows = this.db.prepare('SELECT objective FROM awards WHERE user_id = ? AND event_id = ? AND exercise = ?').all(scope.userId, scope.eventId, scope.exercise) as { objective: string }[];
    return new Set(rows.map((r) => r.objective).filter((o) => o !== COMPLETION));
  }

  /** Records a hint reveal; its cost is charged once however often it is revealed. */
  revealHint(scope: ScoreScope, objective: string, hintIndex: number, cost: number): { charged: boolean } {
    const r = this.db
      .prepare('INSERT INTO hint_reveals (user_id, event_id, exercise, objective, hint_index, cost) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
      .run(scope.userId, scope.eventId, scope.exercise, objective, hintIndex, cost);
    return { charged: r.changes === 1 };
  }

  /** Revealed hints of one exercise, as `objective#index`. */
  revealedHints(scope: ScoreScope): Set<string> {
    const rows = this.db.prepare('SELECT objective, hint_index FROM hint_reveals WHERE user_id = ? AND event_id = ? AND exercise = ?').all(scope.userId, scope.eventId, scope.exercise) as { objective: string; hint_index: number }[];
    return new Set(rows.map((r) => `${r.objective}#${r.hint_index}`));
  }

  score(userId: number, eventId: number): number {
    const awards = this.db.prepare('SELECT points FROM awards WHERE user_id = ? AND event_id = ?').all(userId, eventId) as { points: number }[];
    const hints = this.db.prepare('SELECT cost FROM hint_reveals WHERE user_id = ? AND event_id = ?').all(userId, eventId) as { cost: number }[];
    return totalScore(awards, hints);
  }
}
