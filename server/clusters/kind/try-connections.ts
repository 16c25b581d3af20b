import { formatIP, parseIP } from '../../checks/netpol/ip-block.ts';
import { ClusterError } from '../errors.ts';
import type { ConnectionOutcome, ConnectionTest } from '../provider.ts';
import type { CommandResult } from './engine.ts';

/** Connections tried at once; more run in further rounds. */
export const CONNECTIONS_PER_ROUND = 32;
/** The most connections one call tries (a pair of 64-pod ends would be 4096). */
export const MAX_CONNECTIONS = 256;

/**
 * Runs on the node (bash, iproute2, util-linux): finds each pod's network namespace by its
 * address (an address two namespaces claim is no answer), then opens every connection from
 * there at once with bash's /dev/tcp, one second each. Arguments are triples `from to
 * port`, already checked; prints `index outcome`. The node's tools are used, not the
 * pod's: a learner who replaces a pod's `nc` cannot change the answer.
 */
export const TRY_CONNECTIONS_SCRIPT = `
declare -A nsof
while read -r ns _; do
  for a in $(ip -n "$ns" -o addr show scope global | awk '{print $4}'); do
    a=\${a%/*}
    if [ -n "\${nsof[$a]:-}" ] && [ "\${nsof[$a]}" != "$ns" ]; then nsof[$a]=ambiguous; else nsof[$a]=$ns; fi
  done
done < <(ip netns list)
i=0
while [ $# -ge 3 ]; do
  from=$1 to=$2 port=$3
  shift 3
  (
    ns=\${nsof[$from]:-}
    if [ -z "$ns" ]; then echo "$i missing"; exit 0; fi
    if [ "$ns" = ambiguous ] || [ "\${nsof[$to]:-}" = ambiguous ]; then echo "$i ambiguous"; exit 0; fi
    out=$(nsenter --net="/run/netns/$ns" timeout 1 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$to" "$port" 2>&1)
    case "$?:$out" in
      0:*) echo "$i connected" ;;
      *refused*) echo "$i refused" ;;
      *) echo "$i blocked" ;;
    esac
  ) &
  i=$((i + 1))
done
wait
`;

/** The script's arguments for one round: addresses re-printed from their parsed value. */
export function connectionArgs(tests: readonly ConnectionTest[]): string[] {
  return tests.flatMap((t) => {
    const from = parseIP(t.fromPodIp);
    const to = parseIP(t.toIp);
    if (from === undefined || to === undefined) throw new ClusterError(`cannot try a connection from ${t.fromPodIp} to ${t.toIp}: not an address`, 'wait until both pods have an address');
    if (!Number.isInteger(t.port) || t.port < 1 || t.port > 65535) throw new ClusterError(`cannot try a connection to port ${t.port}`, 'use a port between 1 and 65535');
    return [formatIP(from.version, from.value), formatIP(to.version, to.value), String(t.port)];
  });
}

/** The outcomes of one round, in the order of its tests. */
export function parseConnectionOutcomes(tests: readonly ConnectionTest[], r: CommandResult): ConnectionOutcome[] {
  const byIndex = new Map<number, string>();
  for (const line of r.stdout.split('\n')) {
    const m = /^(\d+) (connected|refused|blocked|missing|ambiguous)$/.exec(line.trim());
    if (m) byIndex.set(Number(m[1]), m[2]!);
  }
  return tests.map((t, i) => {
    const outcome = byIndex.get(i);
    if (outcome === 'missing') throw new ClusterError(`no pod with address ${t.fromPodIp} runs on the node`, 'wait until the pod is running');
    if (outcome === 'ambiguous') throw new ClusterError(`address ${t.fromPodIp} or ${t.toIp} is held by more than one pod's network on the node`, 'delete the pod that added an address of another pod to its own interfaces');
    if (outcome === undefined) throw new ClusterError(`the node did not try the connection from ${t.fromPodIp} to ${t.toIp}:${t.port} (exit ${r.code}: ${r.stderr.trim().slice(0, 200)})`, 'check that the node container is running');
    return outcome as ConnectionOutcome;
  });
}
