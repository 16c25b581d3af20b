import type { InstructorGrid } from '../../server/protocol/rest.ts';

type Learner = InstructorGrid['learners'][number];

export interface GridFilter {
  /** Part of the learner's or team's name. */
  text: string;
  /** '' for every team. */
  team: string;
  /** '' for every exercise. */
  exercise: string;
  /** 'stuck': some objective regressed or not met on an exercise they started; 'running': a
   * session is running; 'idle': nothing started. */
  show: 'all' | 'stuck' | 'running' | 'idle';
}

export const NO_FILTER: GridFilter = { text: '', team: '', exercise: '', show: 'all' };

/** The learners and exercises the instructor asked to see. Pure. */
export function filterGrid(g: InstructorGrid, f: GridFilter): InstructorGrid {
  const text = f.text.trim().toLowerCase();
  const exercises = f.exercise ? g.exercises.filter((e) => e.name === f.exercise) : g.exercises;
  const states = (l: Learner) => exercises.flatMap((e) => e.objectives.map((o) => l.states[`${e.name}/${o.id}`] ?? 'not-started'));
  const keep = (l: Learner): boolean => {
    if (text && !l.name.toLowerCase().includes(text) && !(l.team ?? '').toLowerCase().includes(text)) return false;
    if (f.team && l.team !== f.team) return false;
    const s = states(l);
    if (f.show === 'stuck') return s.some((x) => x === 'regressed' || x === 'unknown') || (s.some((x) => x !== 'not-started') && s.some((x) => x === 'unmet'));
    if (f.show === 'running') return !!l.session && (!f.exercise || l.session.exercise === f.exercise);
    if (f.show === 'idle') return !l.session && s.every((x) => x === 'not-started');
    return true;
  };
  return { ...g, exercises, learners: g.learners.filter(keep) };
}

export function teamsOf(g: InstructorGrid): string[] {
  return [...new Set(g.learners.flatMap((l) => (l.team ? [l.team] : [])))].sort();
}
