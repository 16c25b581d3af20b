import type { CompetencyReport, CompetencySubject, CompetencyTally } from '../protocol/rest.ts';
import { csvLines } from './csv-cell.ts';

/** A competency report as CSV, for spreadsheets. Pure. */

export const CSV_VIEWS = ['learner', 'team', 'category'] as const;
export type CsvView = (typeof CSV_VIEWS)[number];

const NUMBERS = ['attempted', 'solved', 'solve_rate', 'median_minutes_to_solve', 'hints', 'hint_points', 'regressions'];
const numbers = (t: CompetencyTally) => [t.attempted, t.solved, t.solveRate === null ? null : Math.round(t.solveRate * 1000) / 1000, t.medianMinutesToSolve, t.hints, t.hintPoints, t.regressions];

/** Each subject's total (category `all`), then one row per category they attempted. */
function subjects(list: readonly CompetencySubject[], withTeam: boolean): (string | number | null)[][] {
  return list.flatMap((s) => {
    const who = withTeam ? [s.name, s.team ?? null] : [s.name];
    return [[...who, 'all', 'all', 'every exercise', ...numbers(s.total)], ...s.categories.map((c) => [...who, c.curriculum, c.tag, c.title, ...numbers(c)])];
  });
}

/** `learner`: one row per learner × category; `team`: per team × category; `category`: the
 * room's categories then its exercises, the hardest first. */
export function competencyCsv(r: CompetencyReport, by: CsvView): string {
  const cat = ['curriculum', 'category', 'title'];
  switch (by) {
    case 'learner':
      return csvLines(['learner', 'team', ...cat, ...NUMBERS], subjects(r.learners, true));
    case 'team':
      return csvLines(['team', ...cat, ...NUMBERS], subjects(r.teams, false));
    case 'category':
      return csvLines(
        ['kind', 'name', 'title', 'curriculum_or_tags', ...NUMBERS],
        [
          ...r.room.categories.map((c) => ['category', c.tag, c.title, c.curriculum, ...numbers(c)]),
          ...r.room.exercises.map((e) => ['exercise', e.name, null, e.tags.join(' '), ...numbers(e)]),
        ],
      );
  }
}
