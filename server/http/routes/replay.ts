import { Router } from 'express';
import { replayAccess } from '../../replay/replay-access.ts';
import type { ReplayStore } from '../../replay/replay-store.ts';
import type { Me, ReplayView } from '../../protocol/rest.ts';
import { requireUser } from '../auth-middleware.ts';

/** GET /api/sessions/:id/replay → ReplayView; with ?download=1, as a JSON attachment. Who
 * may read it: replayAccess. */
export function replayRoutes(d: { replay: Pick<ReplayStore, 'session' | 'view'>; canManage: (eventId: number, me: Me) => boolean }): Router {
  const r = Router();
  r.get('/sessions/:id/replay', requireUser, (req, res) => {
    const me = req.user!;
    const id = String(req.params.id);
    const access = replayAccess(me, d.replay.session(id), (eventId) => d.canManage(eventId, me));
    if (!access.ok) return void res.status(access.status).json({ error: access.error });
    const view: ReplayView | undefined = d.replay.view(id);
    if (!view) return void res.status(404).json({ error: 'no such session' });
    if (req.query.download === '1') res.attachment(`replay-${id.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
    res.json(view);
  });
  return r;
}
