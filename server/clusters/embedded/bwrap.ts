import { spawnSync } from 'node:child_process';
import { ClusterError } from '../errors.ts';

/** Path of bubblewrap, checked to work here (it needs namespaces), or a ClusterError. */
export function requireBwrap(): string {
  const which = spawnSync('sh', ['-c', 'command -v bwrap'], { encoding: 'utf8' });
  const bwrap = which.stdout.trim();
  if (!bwrap) {
    throw new ClusterError('bubblewrap (bwrap) is not installed; the embedded provider confines every control-plane process with it', 'install it: `apt-get install bubblewrap` (Debian/Ubuntu) or `dnf install bubblewrap`');
  }
  const probe = spawnSync(bwrap, ['--die-with-parent', '--unshare-pid', '--ro-bind', '/', '/', '--proc', '/proc', '--dev', '/dev', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    throw new ClusterError(`bubblewrap cannot create namespaces here: ${probe.stderr.trim()}`, 'run as root, or enable unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)');
  }
  return bwrap;
}
