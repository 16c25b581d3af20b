import { Router } from 'express';
import type { PlatformView } from '../../protocol/rest.ts';
import { requireRole } from '../auth-middleware.ts';

/** What the staff needs to know about this installation: the cluster provider, and
 * whether it isolates learners from the host (kind does not: SECURITY.md). */
export function platformRoutes(view: PlatformView): Router {
  const r = Router();
  r.get('/platform', requireRole('admin', 'instructor'), (_req, res) => {
    res.json(view);
  });
  return r;
}
