import type { ReplayEntry } from '../protocol/rest.ts';
import { DIFF_BOUNDS, normalize, objectDiff, type DiffBounds } from './object-diff.ts';

/** A watch event as the recorder sees it. */
export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

/** Field managers of the control plane and of the platform itself: their writes are the
 * cluster at work (status, defaults, tokens, setup), not the learner. Everything else —
 * kubectl-*, kubectl, curl, a learner's own client — is the learner. */
const SYSTEM_MANAGER = /^(kube-controller-manager|kube-scheduler|kube-apiserver|kubelet|kube-proxy|kwok.*|batten-.*|.*-controller(-manager)?)$/;

export function isLearnerManager(manager: string): boolean {
  return !SYSTEM_MANAGER.test(manager);
}

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  time?: string;
  subresource?: string;
}

/** Who wrote an object last: the managedFields entry (not of a subresource such as status)
 * with the latest time; on a tie, the later entry. '' when the object says nothing. Pure. */
export function lastManager(obj: unknown): string {
  const fields = (obj as { metadata?: { managedFields?: unknown } } | undefined)?.metadata?.managedFields;
  if (!Array.isArray(fields)) return '';
  let best: ManagedFieldsEntry | undefined;
  for (const f of fields as ManagedFieldsEntry[]) {
    if (typeof f !== 'object' || f === null || f.subresource) continue;
    if (!best || (f.time ?? '') >= (best.time ?? '')) best = f;
  }
  return best?.manager ?? '';
}

function controlledByOwner(obj: unknown): boolean {
  const refs = (obj as { metadata?: { ownerReferences?: { controller?: boolean }[] } } | undefined)?.metadata?.ownerReferences;
  return Array.isArray(refs) && refs.some((r) => r?.controller === true);
}

/**
 * What one watch event means for the replay: a learner's change (verb, object, manager,
 * bounded diff against what was known before), or undefined when it is the cluster at work
 * (a system manager, a status-only update, a controller's object deleted) or nothing
 * changed. `before` is the object as last seen, normalized; `after` is the event's object.
 * Deletes name no manager (the API server does not record who deleted): a delete of an
 * object a controller owns (a ReplicaSet's Pod, a Job's Pod) is left out. Pure.
 */
export function learnerChange(
  type: WatchEventType,
  before: Record<string, unknown> | undefined,
  after: { metadata?: { name?: string; namespace?: string }; [k: string]: unknown },
  o: { kind: string; apiVersion: string; bounds?: DiffBounds },
): Omit<ReplayEntry, 'at'> | undefined {
  const secret = o.kind === 'Secret';
  const id = { apiVersion: o.apiVersion, kind: o.kind, ...(after.metadata?.namespace ? { namespace: after.metadata.namespace } : {}), name: after.metadata?.name ?? '' };
  const bounds = o.bounds ?? DIFF_BOUNDS;
  if (type === 'DELETED') {
    if (controlledByOwner(after)) return undefined;
    const d = objectDiff(before ?? normalize(after), undefined, { secret, bounds });
    return { verb: 'delete', ...id, manager: '', diff: d.lines, more: d.more };
  }
  const manager = lastManager(after);
  if (!isLearnerManager(manager)) return undefined;
  const now = normalize(after);
  const d = objectDiff(before, now, { secret, bounds });
  if (d.lines.length === 0 && d.more === 0) return undefined;
  return { verb: before === undefined ? 'create' : 'update', ...id, manager, diff: d.lines, more: d.more };
}
