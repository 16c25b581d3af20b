import { Router, type Response } from 'express';
import { z } from 'zod';
import type { CatalogEntry } from '../../exercises/catalog.ts';
import { displayed } from '../../exercises/instance.ts';
import type { LoadedExercise } from '../../exercises/loader.ts';
import type { ExerciseView } from '../../protocol/rest.ts';
import { SessionError, type SessionManager } from '../../sessions/session-manager.ts';
import { parseBody, requireUser } from '../auth-middleware.ts';

const start = z.object({ eventId: z.number().int().min(0).default(0) });
const hint = z.object({ objective: z.string().min(1).max(64), index: z.number().int().min(0).max(20) });

function fail(res: Response, e: unknown): void {
  if (e instanceof SessionError) res.status(e.status).json({ error: e.message });
  else throw e;
}

/** The catalog, exercise pages and the learner's sessions. Briefings and objectives need a
 * signed-in user; the catalog is public. */
export function exerciseRoutes(d: { catalog: () => CatalogEntry[]; exercise: (name: string) => LoadedExercise | undefined; sessions: SessionManager }): Router {
  const r = Router();
  r.get('/exercises', (req, res) => {
    const privileged = req.user && req.user.role !== 'learner';
    res.json(d.catalog().map((e) => (privileged ? e : { ...e, problems: undefined })));
  });
  r.get('/exercises/:name', requireUser, (req, res) => {
    const ex = d.exercise(String(req.params.name));
    if (!ex) return void res.status(404).json({ error: 'no such exercise' });
    const e = ex.exercise;
    const shown = displayed(ex);
    const view: ExerciseView = {
      name: ex.name,
      title: e.metadata.title,
      difficulty: e.metadata.difficulty,
      minutes: e.metadata.minutes,
      briefing: shown.briefing,
      completionBonus: e.completionBonus,
      objectives: e.objectives.map((o) => ({ id: o.id, title: shown.titles.get(o.id) ?? o.title, points: o.points, state: 'unmet', detail: '', awarded: false, hints: o.hints.map((h, i) => ({ index: i, cost: h.cost })) })),
    };
    res.json(view);
  });
  r.post('/exercises/:name/start', requireUser, (req, res) => {
    const body = parseBody(start, req, res);
    if (!body) return;
    try {
      res.status(202).json(d.sessions.start(req.user!, String(req.params.name), body.eventId));
    } catch (e) {
      fail(res, e);
    }
  });
  r.get('/sessions/:id', requireUser, (req, res) => {
    try {
      res.json(d.sessions.get(req.user!, String(req.params.id)));
    } catch (e) {
      fail(res, e);
    }
  });
  r.delete('/sessions/:id', requireUser, async (req, res) => {
    try {
      await d.sessions.end(req.user!, String(req.params.id));
      res.status(204).end();
    } catch (e) {
      fail(res, e);
    }
  });
  r.post('/sessions/:id/reset', requireUser, async (req, res) => {
    try {
      res.status(202).json(await d.sessions.reset(req.user!, String(req.params.id)));
    } catch (e) {
      fail(res, e);
    }
  });
  r.post('/sessions/:id/hints', requireUser, (req, res) => {
    const body = parseBody(hint, req, res);
    if (!body) return;
    try {
      res.json(d.sessions.revealHint(req.user!, String(req.params.id), body.objective, body.index));
    } catch (e) {
      fail(res, e);
    }
  });
  return r;
}
