import type { Me } from '../protocol/rest.ts';
import type { ReplaySessionFacts } from './replay-store.ts';

export type ReplayAccess = { ok: true } | { ok: false; status: 403 | 404; error: string };

/**
 * Who may read a session's replay: an admin; an instructor who manages the session's event
 * (`canManage`; practice, event 0, has no instructor: admins only); the learner who owns
 * the session once it has ended (during it, the replay would be a second terminal history
 * an instructor did not mean to hand out). Anyone else learns nothing, not even that the
 * session exists. Pure.
 */
export function replayAccess(me: Pick<Me, 'id' | 'role'>, s: ReplaySessionFacts | undefined, canManage: (eventId: number) => boolean): ReplayAccess {
  const none = { ok: false, status: 404, error: 'no such session' } as const;
  if (!s) return none;
  if (me.role === 'admin') return { ok: true };
  if (me.role === 'instructor' && s.eventId !== 0 && canManage(s.eventId)) return { ok: true };
  if (s.userId !== me.id) return none;
  if (!s.endedAt) return { ok: false, status: 403, error: 'the replay of your session opens once the session has ended: end it first' };
  return { ok: true };
}
