/**
 * Runs the whole suite in one `node --test` run, so there is one summary: unit tests
 * beside the code (server/**\/*.test.ts) and integration tests under test/.
 * Pass names or folders to run a part: `npm test -- test/integration/clusters.test.ts`.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../server/setup/controlplane-build.ts';

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = path.join(dir, e);
    if (e === 'node_modules') return [];
    return statSync(p).isDirectory() ? find(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}

const args = process.argv.slice(2);
const roots = args.length > 0 ? args.map((a) => path.resolve(a)) : ['server', 'test'].map((d) => path.join(REPO_ROOT, d));
const files = roots.flatMap((r) => (statSync(r).isDirectory() ? find(r) : [r])).sort();
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], { stdio: 'inherit', cwd: REPO_ROOT });
process.exit(r.status ?? 1);
