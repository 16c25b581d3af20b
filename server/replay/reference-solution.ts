import { readFile } from 'node:fs/promises';
import { stringify } from 'yaml';
import { paramEnv } from '../exercises/params.ts';
import type { LoadedExercise } from '../exercises/loader.ts';
import type { ReferenceSolution } from '../protocol/rest.ts';

/** The reference solution of an exercise as one learner got it (`ex` instantiated with their
 * seed): its script as written (the platform's own file), its manifests with their values. */
export async function referenceSolution(ex: LoadedExercise): Promise<ReferenceSolution> {
  const s = ex.solution;
  return {
    name: ex.solutions[0]?.name ?? 'solution/',
    ...(s.script ? { script: await readFile(s.script, 'utf8') } : {}),
    manifests: s.manifests.map((m) => stringify(m)),
    values: paramEnv(ex.params),
  };
}
