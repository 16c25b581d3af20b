import type { Capability } from '../clusters/provider.ts';
import type { CatalogEntry } from '../protocol/rest.ts';
import { formatProblems, type ExerciseResult } from './loader.ts';

export type { CatalogEntry };

/** The catalog as learners and instructors see it. Pure. */
export function catalog(results: readonly ExerciseResult[], capabilities: readonly Capability[]): CatalogEntry[] {
  return results.map((r) => {
    if (!r.ok) return { name: r.name, title: r.name, tags: [], points: 0, objectives: 0, available: false, unavailableReason: 'the exercise files have problems', broken: true, problems: formatProblems(r.errors) };
    const e = r.exercise;
    const missing = e.requires.filter((c) => !capabilities.includes(c));
    return {
      name: r.name,
      title: e.metadata.title,
      difficulty: e.metadata.difficulty,
      tags: e.metadata.tags,
      minutes: e.metadata.minutes,
      points: e.objectives.reduce((s, o) => s + o.points, 0) + e.completionBonus,
      objectives: e.objectives.length,
      available: missing.length === 0,
      ...(missing.length > 0 ? { unavailableReason: `needs ${missing.join(', ')}, which this platform's cluster provider does not offer` } : {}),
      broken: false,
    };
  });
}
