import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { InstructorGrid } from '../protocol/rest.ts';

const FILE = 'exercise-tests.json';

/** Written by `batten exercise test`, read by the instructor view. */
export function writeExerciseTests(dataDir: string, results: { name: string; ok: boolean; failures: string[] }[]): void {
  const at = new Date().toISOString();
  writeFileSync(path.join(dataDir, FILE), JSON.stringify(results.map((r) => ({ name: r.name, status: r.ok ? 'passed' : 'failed', detail: r.ok ? `passed at ${at}` : r.failures.join('; ') }))));
}

export function readExerciseTests(dataDir: string, names: string[]): InstructorGrid['exerciseTests'] {
  let saved: InstructorGrid['exerciseTests'] = [];
  try {
    saved = JSON.parse(readFileSync(path.join(dataDir, FILE), 'utf8')) as InstructorGrid['exerciseTests'];
  } catch {
    // never run on this host
  }
  return names.map((n) => saved.find((s) => s.name === n) ?? { name: n, status: 'unknown', detail: 'run bin/batten exercise test to prove it' });
}
