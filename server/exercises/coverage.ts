import { CKS_DOMAINS, OWASP_K8S_2025 } from '../protocol/curriculum.ts';
import type { ExerciseResult, LoadedExercise } from './loader.ts';

/** What the library covers, from the exercises' tags: the OWASP Kubernetes Top 10 (2025)
 * and the CKS (v1.34) domains, against the minimum each should have. Pure. */

export const MINIMUM = { owasp: 2, cks: 3 } as const;

export interface CoverageRow {
  tag: string;
  title: string;
  exercises: string[];
  minimum: number;
}

export interface TaggedExercise {
  name: string;
  tags: readonly string[];
  difficulty: string;
}

export function coverage(exercises: readonly TaggedExercise[]): { owasp: CoverageRow[]; cks: CoverageRow[]; levels: Record<string, number> } {
  const rows = (list: typeof OWASP_K8S_2025, minimum: number): CoverageRow[] =>
    list.map(([tag, title]) => ({ tag, title, minimum, exercises: exercises.filter((e) => e.tags.includes(tag)).map((e) => e.name) }));
  const levels: Record<string, number> = {};
  for (const e of exercises) levels[e.difficulty] = (levels[e.difficulty] ?? 0) + 1;
  return { owasp: rows(OWASP_K8S_2025, MINIMUM.owasp), cks: rows(CKS_DOMAINS, MINIMUM.cks), levels };
}

/** The coverage as a Markdown table (for the README), rows below their minimum marked. */
export function coverageMarkdown(c: ReturnType<typeof coverage>): string {
  const table = (head: string, rows: CoverageRow[]) =>
    [`| ${head} | exercises | |`, '|---|---|---|', ...rows.map((r) => `| ${r.tag} ${r.title} | ${r.exercises.length} | ${r.exercises.length < r.minimum ? `**below ${r.minimum}** ` : ''}${r.exercises.join(', ')} |`)].join('\n');
  const levels = Object.entries(c.levels).map(([l, n]) => `${n} ${l}`).join(', ');
  return `${table('OWASP Kubernetes Top 10 (2025)', c.owasp)}\n\n${table('CKS v1.34 domain', c.cks)}\n\nLevels: ${levels}.\n`;
}

export function belowMinimum(c: ReturnType<typeof coverage>): CoverageRow[] {
  return [...c.owasp, ...c.cks].filter((r) => r.exercises.length < r.minimum);
}

/** The coverage of the exercises that load. */
export function libraryCoverage(results: readonly ExerciseResult[]): ReturnType<typeof coverage> {
  return coverage(results.filter((r): r is LoadedExercise => r.ok).map((r) => ({ name: r.name, tags: r.exercise.metadata.tags, difficulty: r.exercise.metadata.difficulty })));
}
