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

/**
 * Whether the reference solution may be shown beside the replay: always to the staff who may
 * read it; to the learner only once the exercise is completed or the event is over (a learner
 * who ends a session early must not read the answer and paste it into the next one). Pure.
 */
export function solutionShown(me: Pick<Me, 'id' | 'role'>, s: Pick<ReplaySessionFacts, 'userId'>, o: { completed: boolean; eventOver: boolean }): { shown: true } | { shown: false; why: string } {
  if (me.role === 'admin' || me.id !== s.userId) return { shown: true }; // replayAccess let the staff in
  if (o.completed || o.eventOver) return { shown: true };
  return { shown: false, why: 'the reference solution shows once you have completed the exercise (or the event is over)' };
}
