import { CKS_DOMAINS, OWASP_K8S_2025 } from '../protocol/curriculum.ts';
import type { CompetencyCategory, CompetencyExercise, CompetencyReport, CompetencySubject, CompetencyTally } from '../protocol/rest.ts';
import { COMPLETION, completionEarned } from '../scoring/rules.ts';

/** Competency reports: what learners, teams and a whole room solved, per OWASP Kubernetes
 * Top 10 category and CKS domain (from the exercises' tags), and where they struggled.
 * Pure: the rows come from report-store.ts, the exercises from the loaded library. */

/** One attempt's scope: a learner, an event (0 = practice), an exercise. */
interface Scoped {
  userId: number;
  eventId: number;
  exercise: string;
}
export interface ReportFacts {
  sessions: (Scoped & { startedAt: string })[];
  awards: (Scoped & { objective: string; awardedAt: string })[];
  hints: (Scoped & { cost: number })[];
  /** objective_results rows in state 'regressed', counted per scope. */
  regressions: (Scoped & { count: number })[];
  /** Everyone reported on, with their team when they have one. */
  people: { id: number; name: string; teamId?: number }[];
  teams: { id: number; name: string }[];
}
/** What the library says of an exercise; undefined when it no longer loads. */
export type ExerciseFacts = (name: string) => { tags: readonly string[]; objectiveIds: readonly string[] } | undefined;

const CATEGORIES = [...OWASP_K8S_2025.map(([tag, title]) => ({ tag, title, curriculum: 'owasp' as const })), ...CKS_DOMAINS.map(([tag, title]) => ({ tag, title, curriculum: 'cks' as const }))];

/** One learner's work on one exercise in one scope. */
export interface Attempt extends Scoped {
  solved: boolean;
  minutesToSolve: number | null;
  hints: number;
  hintPoints: number;
  regressions: number;
}

const keyOf = (s: Scoped): string => `${s.userId}\u0000${s.eventId}\u0000${s.exercise}`;

/** Folds the rows into attempts. Solved: every objective awarded in the scope (an exercise
 * that no longer loads: its completion award). Time to solve: first session start to the
 * last objective award, unknown without a session started before it. */
export function attempts(f: ReportFacts, exercise: ExerciseFacts): Attempt[] {
  const byKey = new Map<string, Scoped & { starts: number[]; awards: Map<string, number>; hints: number; hintPoints: number; regressions: number }>();
  const at = (s: Scoped) => {
    const k = keyOf(s);
    let a = byKey.get(k);
    if (!a) byKey.set(k, (a = { userId: s.userId, eventId: s.eventId, exercise: s.exercise, starts: [], awards: new Map(), hints: 0, hintPoints: 0, regressions: 0 }));
    return a;
  };
  for (const s of f.sessions) at(s).starts.push(Date.parse(s.startedAt));
  for (const w of f.awards) at(w).awards.set(w.objective, Date.parse(w.awardedAt));
  for (const h of f.hints) {
    const a = at(h);
    a.hints += 1;
    a.hintPoints += h.cost;
  }
  for (const r of f.regressions) at(r).regressions += r.count;
  return [...byKey.values()].map((a) => {
    const ids = exercise(a.exercise)?.objectiveIds;
    const solved = ids ? completionEarned(ids, new Set(a.awards.keys())) : a.awards.has(COMPLETION);
    const solvedAt = solved ? Math.max(...(ids ?? [COMPLETION]).map((id) => a.awards.get(id) ?? Number.NaN)) : Number.NaN;
    const start = Math.min(...a.starts.filter(Number.isFinite));
    const minutes = Number.isFinite(solvedAt) && Number.isFinite(start) && start <= solvedAt ? (solvedAt - start) / 60_000 : null;
    return { userId: a.userId, eventId: a.eventId, exercise: a.exercise, solved, minutesToSolve: minutes, hints: a.hints, hintPoints: a.hintPoints, regressions: a.regressions };
  });
}

/** The median, or null for none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function tally(list: readonly Attempt[]): CompetencyTally {
  const solved = list.filter((a) => a.solved).length;
  const times = list.flatMap((a) => (a.minutesToSolve === null ? [] : [a.minutesToSolve]));
  const m = median(times);
  return {
    attempted: list.length,
    solved,
    solveRate: list.length === 0 ? null : solved / list.length,
    hints: list.reduce((s, a) => s + a.hints, 0),
    hintPoints: list.reduce((s, a) => s + a.hintPoints, 0),
    regressions: list.reduce((s, a) => s + a.regressions, 0),
    medianMinutesToSolve: m === null ? null : Math.round(m * 10) / 10,
  };
}

/** Hardest first: attempted before never attempted, then the lowest solve rate, the most
 * hints, the most regressions, the slowest; ties keep their order (curriculum, name). */
export function hardestFirst<T extends CompetencyTally>(rows: readonly T[]): T[] {
  const rate = (t: T) => t.solveRate ?? 2;
  return rows
    .map((r, i) => [r, i] as const)
    .sort(([a, i], [b, j]) => rate(a) - rate(b) || b.hints - a.hints || b.regressions - a.regressions || (b.medianMinutesToSolve ?? -1) - (a.medianMinutesToSolve ?? -1) || i - j)
    .map(([r]) => r);
}

/** The categories (all of them, or only those attempted) and the exercises of some attempts. */
function breakdown(list: readonly Attempt[], exercise: ExerciseFacts, everyCategory: boolean): { categories: CompetencyCategory[]; exercises: CompetencyExercise[] } {
  const tags = (name: string) => exercise(name)?.tags ?? [];
  const categories = CATEGORIES.map((c) => ({ ...c, ...tally(list.filter((a) => tags(a.exercise).includes(c.tag))) })).filter((c) => everyCategory || c.attempted > 0);
  const names = [...new Set(list.map((a) => a.exercise))].sort();
  const exercises = names.map((name) => ({ name, tags: [...tags(name)], ...tally(list.filter((a) => a.exercise === name)) }));
  return { categories: hardestFirst(categories), exercises: hardestFirst(exercises) };
}

function subject(id: number, name: string, list: readonly Attempt[], exercise: ExerciseFacts, team?: string): CompetencySubject {
  return { id, name, ...(team !== undefined ? { team } : {}), total: tally(list), ...breakdown(list, exercise, false) };
}

/** The report on some learners' attempts: the room, each learner, each team. */
export function competencyReport(f: ReportFacts, exercise: ExerciseFacts, scope: CompetencyReport['scope'], now: Date): CompetencyReport {
  const all = attempts(f, exercise);
  const teamName = new Map(f.teams.map((t) => [t.id, t.name]));
  const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
  const learners = [...f.people].sort(byName).map((p) => subject(p.id, p.name, all.filter((a) => a.userId === p.id), exercise, p.teamId === undefined ? undefined : teamName.get(p.teamId)));
  const teams = [...f.teams].sort(byName).map((t) => {
    const members = new Set(f.people.filter((p) => p.teamId === t.id).map((p) => p.id));
    return subject(t.id, t.name, all.filter((a) => members.has(a.userId)), exercise);
  });
  return { scope, generatedAt: now.toISOString(), room: { total: tally(all), ...breakdown(all, exercise, true) }, learners, teams };
}
