import type { PlatformView } from '../../../server/protocol/rest.ts';
import { useApi } from '../use-api.ts';

/** For the staff: which cluster provider this installation runs, and, plainly, when it
 * does not isolate learners from the host (kind). */
export function PlatformNotice() {
  const platform = useApi<PlatformView>('/api/platform');
  const p = platform.data;
  if (!p) return null;
  if (!p.trustedLearnersOnly) {
    return (
      <p className="muted" data-testid="platform-provider">
        Clusters: {p.provider} provider ({p.capabilities.join(', ')}). Each learner is confined to their own cluster and sandboxed terminal.
      </p>
    );
  }
  return (
    <div className="notice notice-error" role="note" data-testid="platform-warning">
      <p>
        <strong>Trusted learners only.</strong> This installation runs real nodes with the <code>{p.provider}</code> provider. Every learner is
        admin of their cluster and can start a privileged pod, and a privileged pod on a {p.provider} node is <strong>root on this host</strong>:
        it can reach the other learners' clusters and the platform itself. Invite only people you would give root on this machine.
      </p>
      <p>
        Sign-up is {p.signup === 'invite' ? 'by invitation (an event\u2019s join code)' : 'open, because KIND_TRUSTED_LEARNERS=yes was set'}. For strangers, run
        Batten with the embedded provider. See SECURITY.md.
      </p>
    </div>
  );
}
