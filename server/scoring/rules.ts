/** Scoring rules. Pure: no database, no clock. */

export type ObjectiveState = 'unmet' | 'met' | 'regressed' | 'unknown';
/** What one evaluation of an objective found: every probe held, one failed, or one could
 * not be evaluated (API server down, probe error). */
export type Verdict = 'holds' | 'fails' | 'error';

/** The state to show after a verdict. An error never counts as met; a failure after the
 * objective was once met is a regression, shown to the learner but never scored twice. */
export function nextState(everMet: boolean, verdict: Verdict): ObjectiveState {
  if (verdict === 'error') return 'unknown';
  if (verdict === 'holds') return 'met';
  return everMet ? 'regressed' : 'unmet';
}

/** The objective an exercise's completion bonus is awarded under. */
export const COMPLETION = '*';

/** Completion is earned when every objective of the exercise has been awarded. */
export function completionEarned(objectiveIds: readonly string[], awarded: ReadonlySet<string>): boolean {
  return objectiveIds.length > 0 && objectiveIds.every((id) => awarded.has(id));
}

/** A learner's score: points awarded (bonuses included) minus the cost of hints revealed. */
export function totalScore(awards: readonly { points: number }[], hints: readonly { cost: number }[]): number {
  return awards.reduce((s, a) => s + a.points, 0) - hints.reduce((s, h) => s + h.cost, 0);
}

export interface Standing {
  id: number;
  name: string;
  score: number;
  /** When the score last went up (ISO time); earlier wins a tie. */
  lastScoredAt: string | null;
}

/** Ranks by score, then by who reached it first, then by name. */
export function rank<T extends Standing>(rows: readonly T[]): (T & { rank: number })[] {
  const sorted = [...rows].sort(
    (a, b) => b.score - a.score || (a.lastScoredAt ?? '\uffff').localeCompare(b.lastScoredAt ?? '\uffff') || a.name.localeCompare(b.name),
  );
  return sorted.map((r, i) => ({ ...r, rank: i + 1 }));
}
