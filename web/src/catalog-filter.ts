import type { CatalogEntry } from '../../server/protocol/rest.ts';
import { CKS_DOMAINS, OWASP_K8S_2025 } from '../../server/protocol/curriculum.ts';

/** What the learner narrows the catalog to; empty fields match everything. */
export interface CatalogFilter {
  text: string;
  owasp: string;
  cks: string;
  level: string;
  /** At most this many minutes (0: any). */
  maxMinutes: number;
}

export const NO_FILTER: CatalogFilter = { text: '', owasp: '', cks: '', level: '', maxMinutes: 0 };

export function filterCatalog(list: readonly CatalogEntry[], f: CatalogFilter): CatalogEntry[] {
  const words = f.text.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((e) => {
    const haystack = `${e.name} ${e.title} ${e.tags.join(' ')}`.toLowerCase();
    return (
      words.every((w) => haystack.includes(w)) &&
      (!f.owasp || e.tags.includes(f.owasp)) &&
      (!f.cks || e.tags.includes(f.cks)) &&
      (!f.level || e.difficulty === f.level) &&
      (!f.maxMinutes || (e.minutes !== undefined && e.minutes <= f.maxMinutes))
    );
  });
}

/** The choices worth offering: only categories, domains and levels some exercise has, with counts. */
export function facets(list: readonly CatalogEntry[]): { owasp: Choice[]; cks: Choice[]; levels: Choice[] } {
  const count = (pred: (e: CatalogEntry) => boolean) => list.filter(pred).length;
  const of = (pairs: ReadonlyArray<readonly [string, string]>): Choice[] =>
    pairs.map(([value, title]) => ({ value, label: `${value.replace(/^cks-/, '')} · ${title}`, count: count((e) => e.tags.includes(value)) })).filter((c) => c.count > 0);
  const levels = ['beginner', 'intermediate', 'advanced'].map((l) => ({ value: l, label: l, count: count((e) => e.difficulty === l) })).filter((c) => c.count > 0);
  return { owasp: of(OWASP_K8S_2025), cks: of(CKS_DOMAINS).map((c) => ({ ...c, label: c.label.replace(/^[^·]+· /, '') })), levels };
}

export interface Choice {
  value: string;
  label: string;
  count: number;
}
