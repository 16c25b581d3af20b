import { spawnSync } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { loadConfig } from '../config/config.ts';
import { binaryDirs, findBinaries } from '../clusters/embedded/binaries.ts';
import { requireBwrap } from '../clusters/embedded/bwrap.ts';
import { controlplaneCacheDir } from '../setup/controlplane-build.ts';
import { kindCacheDir, kindEnv, readKindBuild } from '../setup/kind-build.ts';

/** Reports what the embedded provider needs, what is found, and the fix for what is not. */
export async function doctor(): Promise<number> {
  const cfg = loadConfig();
  let bad = 0;
  const line = (ok: boolean, what: string, detail: string) => {
    if (!ok) bad++;
    process.stdout.write(`${ok ? ' ok ' : 'FAIL'}  ${what.padEnd(24)} ${detail}\n`);
  };
  const major = Number(process.versions.node.split('.')[0]);
  line(major >= 20, 'node', major >= 20 ? process.version : `${process.version}: install Node.js 20 or newer`);
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  line(go.status === 0, 'go (builds binaries)', go.status === 0 ? go.stdout.trim() : 'missing: install Go 1.24+ (only needed to build the binaries; or set BATTEN_K8S_BIN)');
  try {
    line(true, 'bubblewrap', requireBwrap());
  } catch (e) {
    line(false, 'bubblewrap', `${(e as Error).message}; fix: apt-get install bubblewrap`);
  }
  const dirs = binaryDirs(cfg, controlplaneCacheDir(cfg.BATTEN_CACHE));
  for (const r of findBinaries(dirs)) {
    line(!!r.path, r.name, r.path ?? `missing (searched ${r.searched.join(', ')}): run \`npm run setup\`, or set BATTEN_K8S_BIN`);
  }
  try {
    mkdirSync(cfg.BATTEN_DATA_DIR, { recursive: true });
    accessSync(cfg.BATTEN_DATA_DIR, constants.W_OK);
    line(true, 'data directory', cfg.BATTEN_DATA_DIR);
  } catch (e) {
    line(false, 'data directory', `${cfg.BATTEN_DATA_DIR}: ${(e as Error).message}; set BATTEN_DATA_DIR to a writable directory`);
  }
  process.stdout.write(bad === 0 ? '\nall good\n' : `\n${bad} problem(s); fix them and run \`batten doctor\` again\n`);
  kindReport(cfg.BATTEN_CACHE);
  return bad === 0 ? 0 : 1;
}

/** What the kind provider will need: optional, so a missing piece is listed, not failed. */
function kindReport(cacheRoot: string): void {
  process.stdout.write('\nkind provider (optional; `bin/batten setup --kind` builds all of it):\n');
  const line = (ok: boolean, what: string, detail: string) => process.stdout.write(`${ok ? ' ok ' : ' -- '}  ${what.padEnd(24)} ${detail}\n`);
  const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
  line(has('podman'), 'podman', has('podman') ? 'found (rootful, with Batten\'s containers.conf)' : 'missing: `bin/batten setup --kind` installs it with apt-get');
  line(has('runc'), 'runc', has('runc') ? 'found' : 'missing: `bin/batten setup --kind` installs it (crun fails on cgroup v1 hybrid)');
  const dir = kindCacheDir(cacheRoot);
  let build: ReturnType<typeof readKindBuild> | undefined;
  try {
    build = readKindBuild(dir);
  } catch {
    // not built yet
  }
  line(!!build, 'kind and node image', build ? `${build.kind}, ${build.nodeImage}` : `not built in ${dir}: run \`bin/batten setup --kind\` (about 20 minutes the first time)`);
  if (build && has('podman')) {
    const image = spawnSync('podman', ['image', 'exists', build.nodeImage], { env: { ...process.env, ...kindEnv(build) } }).status === 0;
    line(image, 'node image in podman', image ? 'present' : 'missing from podman\'s store: run `bin/batten setup --kind` again');
  }
}
