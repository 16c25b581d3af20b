import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadConfig } from '../config/config.ts';
import { buildControlPlane } from '../setup/controlplane-build.ts';
import { buildKind } from '../setup/kind-build.ts';

const say = (s: string) => process.stderr.write(`batten: ${s}\n`);

/** First-run work for a fresh machine: bubblewrap (the sandbox), then the control-plane
 * binaries, and with `--kind` what the kind provider needs (podman, kind, the node
 * image). Each step is skipped when already done. */
export async function setup(args: string[] = []): Promise<number> {
  const cfg = loadConfig();
  // bubblewrap confines every process; the rest is what a learner's terminal offers.
  const wanted: [string, string][] = [
    ['bwrap', 'bubblewrap'],
    ['nano', 'nano'],
    ['vi', 'vim-tiny'],
    ['jq', 'jq'],
    ['less', 'less'],
  ];
  if (args.includes('--browser')) wanted.push(['chromium', 'chromium']); // browser tests
  const missing = wanted.filter(([cmd]) => !has(cmd)).map(([, pkg]) => pkg);
  if (!existsSync('/usr/share/bash-completion/bash_completion')) missing.push('bash-completion');
  if (missing.length > 0) {
    if (process.getuid?.() === 0 && has('apt-get')) {
      say(`installing ${missing.join(', ')} with apt-get ...`);
      run('apt-get', ['update', '-qq']);
      if (run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing]) !== 0) return 1;
    } else if (missing.includes('bubblewrap')) {
      say(`missing: ${missing.join(', ')}; install them (e.g. \`sudo apt-get install ${missing.join(' ')}\`) and run this again`);
      return 1;
    } else {
      say(`optional tools missing: ${missing.join(', ')} (learner terminals will lack them)`);
    }
  }
  if (cfg.BATTEN_K8S_BIN || cfg.KUBEBUILDER_ASSETS) {
    say(`using prebuilt binaries from ${cfg.BATTEN_K8S_BIN ?? cfg.KUBEBUILDER_ASSETS}; \`batten doctor\` checks them`);
  } else {
    const dir = await buildControlPlane(cfg.BATTEN_CACHE);
    say(`control-plane binaries ready in ${dir}`);
  }
  let kind = args.includes('--kind') || cfg.CLUSTER_PROVIDER === 'kind';
  if (args.includes('--kind-if-possible') && !kind) {
    // the tests run the kind provider wherever it can be built: as root, with apt-get for podman
    const why = process.getuid?.() !== 0 ? 'not root' : !has('podman') && !has('apt-get') ? 'neither podman nor apt-get' : undefined;
    if (why) say(`kind provider not built (${why}): its tests are skipped`);
    kind = !why;
  }
  if (kind) {
    // podman, kind and an offline node image (first run: about 20 minutes on 2 cores)
    const kind = await buildKind(cfg.BATTEN_CACHE);
    say(`kind ready in ${kind.dir}: node image ${kind.nodeImage}`);
  }
  return 0;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

function run(cmd: string, args: string[]): number | null {
  return spawnSync(cmd, args, { stdio: 'inherit' }).status;
}
