import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import type { ExerciseProblem } from './loader.ts';

/** The most entries (files, folders, links) an exercise folder may hold, and how deep. */
const MAX_ENTRIES = 5000;
const MAX_DEPTH = 16;

/**
 * What makes an exercise folder unsafe to read at all. The folder may come from someone
 * else (a pull request, a download), and reading follows links, so a link that leads out
 * of the folder (exercise.yaml to /proc/self/environ or a token file, setup/ to a host
 * folder) would be read, quoted in error messages and applied to a cluster. Such links are
 * reported by their place in the folder (never by what they point at), as is a folder too
 * large or deep to be an exercise; the loader then reads nothing. Devices and pipes inside
 * the folder are the loader's to refuse (it opens files without blocking and reads regular
 * files only, 1 MiB at most).
 */
export async function folderProblems(dir: string): Promise<ExerciseProblem[]> {
  const name = path.basename(path.resolve(dir));
  const root = await realpath(dir);
  const inside = (p: string) => p === root || p.startsWith(root + path.sep);
  const problems: ExerciseProblem[] = [];
  let entries = 0;
  const walk = async (rel: string, depth: number): Promise<void> => {
    for (const e of await readdir(path.join(root, rel), { withFileTypes: true })) {
      if (++entries > MAX_ENTRIES) throw Object.assign(new Error('too many'), { code: 'ETOOMANY' });
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) {
        const target = await realpath(path.join(root, r)).catch(() => undefined);
        if (target === undefined || !inside(target)) {
          problems.push({ file: `${name}/${r}`, message: 'is a symbolic link that leads outside the exercise folder (or nowhere); exercise files must be inside it, so it is not read' });
        }
      } else if (e.isDirectory()) {
        if (depth >= MAX_DEPTH) problems.push({ file: `${name}/${r}/`, message: `is nested more than ${MAX_DEPTH} folders deep; flatten it` });
        else await walk(r, depth + 1);
      }
    }
  };
  try {
    await walk('', 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ETOOMANY') throw e;
    problems.push({ file: `${name}/`, message: `holds more than ${MAX_ENTRIES} files and folders; an exercise is a few files` });
  }
  return problems;
}

