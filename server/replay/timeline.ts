import type { ObjectiveState, ReplayEntry, ReplayItem, ReplayObjectiveChange } from '../protocol/rest.ts';

/**
 * The replay's timeline: the learner's changes and, between them, the objectives whose state
 * changed (met, regressed, …), oldest first. `results` are every result the checker recorded
 * (objective_results, oldest first): only a change of state is kept, not a new detail of the
 * same state. On the same instant a change comes before the verdict it caused. Pure.
 */
export function replayTimeline(entries: readonly ReplayEntry[], results: readonly ReplayObjectiveChange[]): ReplayItem[] {
  const last = new Map<string, ObjectiveState>();
  const transitions: ReplayItem[] = [];
  for (const r of results) {
    if (last.get(r.objective) === r.state) continue;
    last.set(r.objective, r.state);
    transitions.push({ type: 'objective', ...r });
  }
  const changes: ReplayItem[] = entries.map((e) => ({ type: 'change', ...e }));
  const out: ReplayItem[] = [];
  let i = 0;
  let j = 0;
  while (i < changes.length || j < transitions.length) {
    if (j >= transitions.length || (i < changes.length && changes[i]!.at <= transitions[j]!.at)) out.push(changes[i++]!);
    else out.push(transitions[j++]!);
  }
  return out;
}
