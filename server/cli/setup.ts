import { spawnSync } from 'node:child_process';
import { loadConfig } from '../config/config.ts';
import { buildControlPlane } from '../setup/controlplane-build.ts';

const say = (s: string) => process.stderr.write(`batten: ${s}\n`);

/** First-run work for a fresh machine: bubblewrap (the sandbox), then the control-plane
 * binaries. Each step is skipped when already done. */
export async function setup(): Promise<number> {
  const cfg = loadConfig();
  if (!has('bwrap')) {
    if (process.getuid?.() === 0 && has('apt-get')) {
      say('installing bubblewrap (the sandbox for cluster processes) with apt-get ...');
      run('apt-get', ['update', '-qq']);
      if (run('apt-get', ['install', '-y', '-qq', 'bubblewrap']) !== 0) return 1;
    } else {
      say('bubblewrap (bwrap) is missing: install it (e.g. `sudo apt-get install bubblewrap`) and run this again');
      return 1;
    }
  }
  if (cfg.BATTEN_K8S_BIN || cfg.KUBEBUILDER_ASSETS) {
    say(`using prebuilt binaries from ${cfg.BATTEN_K8S_BIN ?? cfg.KUBEBUILDER_ASSETS}; \`batten doctor\` checks them`);
    return 0;
  }
  const dir = await buildControlPlane(cfg.BATTEN_CACHE);
  say(`control-plane binaries ready in ${dir}`);
  return 0;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function run(cmd: string, args: string[]): number | null {
  return spawnSync(cmd, args, { stdio: 'inherit' }).status;
}
