import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EXERCISES_DIR } from '../exercises/catalog-context.ts';
import { scaffoldExercise } from '../exercises/scaffold.ts';

/** `batten exercise new NAME [--dir DIR]`: writes a valid, provable exercise to start from. */
export function exerciseNew(args: string[]): number {
  const name = args.find((a) => !a.startsWith('--'));
  const dirFlag = args.indexOf('--dir');
  const parent = dirFlag >= 0 ? args[dirFlag + 1] : EXERCISES_DIR;
  if (!name || !parent) {
    process.stderr.write('usage: batten exercise new NAME [--dir PARENT]\n');
    return 2;
  }
  let files: Record<string, string>;
  try {
    files = scaffoldExercise(name);
  } catch (e) {
    process.stderr.write(`batten: ${(e as Error).message}\n`);
    return 2;
  }
  const dir = path.resolve(parent, name);
  if (existsSync(dir)) {
    process.stderr.write(`batten: ${dir} already exists: choose another name, or remove it first\n`);
    return 1;
  }
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  const shown = path.relative(process.cwd(), dir).startsWith('..') ? dir : path.relative(process.cwd(), dir);
  process.stdout.write(
    [
      `wrote ${dir}`,
      ...Object.keys(files).map((f) => `  ${f}`),
      '',
      'next:',
      `  bin/batten exercise dev ${shown}    a live cluster with the setup; objectives re-checked as you edit`,
      `  bin/batten exercise test ${shown}   the proof: setup unmet, each cheat earns nothing, the solution meets all`,
      '',
    ].join('\n'),
  );
  return 0;
}
