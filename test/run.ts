/**
 * `npm test`: the whole vitest run (unit, web, integration, security and browser
 * projects, with coverage), then the exercise proofs (on the embedded provider, and on
 * kind for the exercises that need real pods), which end with their
 * `N passed, M failed` line. Arguments go to vitest and skip the proofs, so
 * `npm test -- server/http` or `npm test -- --project unit` run just that part.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { kindBuilt } from '../server/clusters/create-provider.ts';
import { loadConfig } from '../server/config/config.ts';
import { REPO_ROOT } from '../server/setup/controlplane-build.ts';

const args = process.argv.slice(2);
const run = (argv: string[]) => spawnSync(process.execPath, argv, { stdio: 'inherit', cwd: REPO_ROOT }).status ?? 1;

const vitest = run([path.join(REPO_ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...args]);
if (vitest !== 0 || args.length > 0) process.exit(vitest);
// exercises that need real pods are proven on kind wherever it is built (npm test builds it where it can)
const providers = kindBuilt(loadConfig()) ? 'embedded,kind' : 'embedded';
process.exit(run(['--import', 'tsx', 'server/cli/main.ts', 'exercise', 'test', '--all', '--providers', providers]));
