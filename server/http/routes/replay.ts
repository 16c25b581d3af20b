import { Router } from 'express';
import { replayAccess, solutionShown } from '../../replay/replay-access.ts';
import type { ReplayStore } from '../../replay/replay-store.ts';
import type { Me, ReferenceSolution, ReplayView } from '../../protocol/rest.ts';
import { requireUser } from '../auth-middleware.ts';

export interface ReplayRouteDeps {
  replay: Pick<ReplayStore, 'session' | 'view'>;
  canManage: (eventId: number, me: Me) => boolean;
  /** The exercise's reference solution with the values drawn from `seed`. */
  solution: (exercise: string, seed: string | undefined) => Promise<ReferenceSolution | undefined>;
  /** Every objective of the exercise awarded to the learner in that event (0: practice). */
  completed: (userId: number, eventId: number, exercise: string) => boolean;
  /** The event is over for this learner (its end and their extra minutes passed) and no other
   * open event of theirs has the exercise; practice never is. */
  eventOver: (eventId: number, userId: number, exercise: string) => boolean;
}

/** GET /api/sessions/:id/replay → ReplayView, with the reference solution beside it when it
 * may be shown; with ?download=1, as a JSON attachment. Who may read it: replayAccess. */
export function replayRoutes(d: ReplayRouteDeps): Router {
  const r = Router();
  r.get('/sessions/:id/replay', requireUser, async (req, res) => {
    const me = req.user!;
    const id = String(req.params.id);
    const facts = d.replay.session(id);
    const access = replayAccess(me, facts, (eventId) => d.canManage(eventId, me));
    if (!access.ok || !facts) return void res.status(access.ok ? 404 : access.status).json({ error: access.ok ? 'no such session' : access.error });
    const view: ReplayView | undefined = d.replay.view(id);
    if (!view) return void res.status(404).json({ error: 'no such session' });
    const shown = solutionShown(me, facts, { completed: d.completed(facts.userId, facts.eventId, facts.exercise), eventOver: d.eventOver(facts.eventId, facts.userId, facts.exercise) });
    const solution = shown.shown ? await d.solution(facts.exercise, facts.seed) : undefined;
    if (req.query.download === '1') res.attachment(`replay-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
    res.json({ ...view, ...(solution ? { solution } : {}), ...(!shown.shown ? { solutionHidden: shown.why } : {}) });
  });
  return r;
}
