import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { Announcement } from '../../events/event-store.ts';
import { instructorGrid, type GridDeps } from '../../events/instructor-grid.ts';
import type { CatalogEntry } from '../../exercises/catalog.ts';
import { SessionError, type SessionManager } from '../../sessions/session-manager.ts';
import { parseBody, requireRole, requireUser } from '../auth-middleware.ts';
import { idParam } from '../id-param.ts';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time').transform((s) => new Date(s).toISOString());
const createEvent = z
  .object({
    name: z.string().trim().min(1).max(80),
    startsAt: iso,
    endsAt: iso,
    exercises: z.array(z.string().max(64)).min(1, 'pick at least one exercise').max(50),
    freezeMinutes: z.number().int().min(0).max(24 * 60).optional(),
    hintsAllowed: z.boolean().optional(),
    hintCostMultiplier: z.number().min(0).max(10).optional(),
    destroyClusters: z.enum(['event-end', 'completion']).optional(),
  })
  .refine((e) => e.endsAt > e.startsAt, { message: 'must be after the start', path: ['endsAt'] });
const join = z.object({ code: z.string().trim().min(4).max(16) });
const team = z.object({ name: z.string().trim().min(1).max(40) });
const announcement = z.object({ text: z.string().trim().min(1, 'write something').max(500) });
const extend = z.object({ minutes: z.number().int().min(1).max(24 * 60) });

export interface EventRouteDeps extends GridDeps {
  catalog: () => CatalogEntry[];
  sessions: Pick<SessionManager, 'freshClusterFor' | 'endFor'>;
  onTeamsChanged: (eventId: number) => void;
  /** Push an announcement to every participant. */
  onAnnouncement: (a: Announcement) => void;
  /** Something the instructor's grid shows changed. */
  onActivity: (eventId: number) => void;
  /** An event was created: the exercises worth prepared clusters may have changed. */
  onScheduleChanged: () => void;
}

/** Events, join codes, teams, leaderboards and the instructor's grid. */
export function eventRoutes(d: EventRouteDeps): Router {
  const r = Router();
  r.get('/events', requireUser, (req, res) => {
    res.json(d.events.list(req.user!));
  });
  r.post('/events', requireUser, requireRole('instructor', 'admin'), (req, res) => {
    const body = parseBody(createEvent, req, res);
    if (!body) return;
    const unknown = body.exercises.filter((n) => !d.exercise(n));
    if (unknown.length > 0) return void res.status(400).json({ error: `exercises: no exercise named ${unknown.join(', ')}`, field: 'exercises' });
    const event = d.events.create(req.user!, body);
    d.onScheduleChanged();
    res.status(201).json(event);
  });
  r.post('/events/join', requireUser, (req, res) => {
    const body = parseBody(join, req, res);
    if (!body) return;
    const event = d.events.join(body.code, req.user!);
    if (!event) return void res.status(404).json({ error: 'no event has that code', field: 'code' });
    d.onTeamsChanged(event.id);
    res.json(event);
  });
  r.post('/events/:id/teams', requireUser, (req, res) => {
    const id = idParam(req.params.id);
    const body = parseBody(team, req, res);
    if (!body) return;
    if (!d.events.isMember(id, req.user!.id)) return void res.status(403).json({ error: 'join the event first' });
    const t = d.events.createTeam(id, body.name, req.user!);
    if (!t) return void res.status(409).json({ error: 'a team with that name exists; join it instead', field: 'name' });
    d.onTeamsChanged(id);
    res.status(201).json(t);
  });
  r.post('/teams/:id/join', requireUser, (req, res) => {
    const t = d.events.team(idParam(req.params.id));
    if (!t || !d.events.isMember(t.eventId, req.user!.id)) return void res.status(404).json({ error: 'no such team in your events' });
    d.events.putInTeam(t.eventId, t.id, req.user!.id);
    d.onTeamsChanged(t.eventId);
    res.json({ id: t.id, name: t.name });
  });
  r.get('/events/:id/leaderboard', requireUser, (req, res) => {
    const id = idParam(req.params.id);
    if (!d.events.canSee(id, req.user!)) return void res.status(404).json({ error: 'no such event' });
    res.json(d.events.leaderboard(id, d.events.canManage(id, req.user!) ? 'staff' : 'learners'));
  });
  r.get('/events/:id/leaderboard.csv', requireUser, (req, res) => {
    const id = idParam(req.params.id);
    if (!d.events.canManage(id, req.user!)) return void res.status(403).json({ error: 'only the event’s instructors may export it' });
    res.type('text/csv').attachment(`leaderboard-${id}.csv`).send(d.events.leaderboardCsv(id));
  });
  r.get('/events/:id/grid', requireUser, (req, res) => {
    const id = idParam(req.params.id);
    if (!d.events.canManage(id, req.user!)) return void res.status(403).json({ error: 'only the event’s instructors may see this' });
    res.json(instructorGrid(d, id));
  });
  r.get('/events/:id/announcements', requireUser, (req, res) => {
    const id = idParam(req.params.id);
    if (!d.events.canSee(id, req.user!)) return void res.status(404).json({ error: 'no such event' });
    res.json(d.events.announcements(id));
  });
  r.post('/events/:id/announcements', requireUser, (req, res) => {
    const id = idParam(req.params.id);
    if (!d.events.canManage(id, req.user!)) return void res.status(403).json({ error: 'only the event’s instructors may announce' });
    const body = parseBody(announcement, req, res);
    if (!body) return;
    const a = d.events.announce(id, req.user!, body.text);
    d.onAnnouncement(a);
    res.status(201).json(a);
  });
  // Actions on one learner: the event's instructors only, and only on its members.
  const learner = (req: Request, res: Response): { eventId: number; userId: number } | undefined => {
    const eventId = idParam(req.params.id);
    const userId = idParam(req.params.userId);
    if (!d.events.canManage(eventId, req.user!)) return void res.status(403).json({ error: 'only the event’s instructors may do this' });
    if (!Number.isSafeInteger(userId) || !d.events.isMember(eventId, userId)) return void res.status(404).json({ error: 'no such learner in this event' });
    return { eventId, userId };
  };
  const act = async (res: Response, eventId: number, fn: () => Promise<unknown>) => {
    try {
      const out = await fn();
      d.onActivity(eventId);
      if (out === undefined) res.status(204).end();
      else res.json(out);
    } catch (e) {
      if (!(e instanceof SessionError)) throw e;
      res.status(e.status).json({ error: e.message });
    }
  };
  r.post('/events/:id/learners/:userId/fresh-cluster', requireUser, async (req, res) => {
    const l = learner(req, res);
    if (l) await act(res, l.eventId, () => d.sessions.freshClusterFor(l.userId, l.eventId));
  });
  r.post('/events/:id/learners/:userId/end-session', requireUser, async (req, res) => {
    const l = learner(req, res);
    if (l) await act(res, l.eventId, () => d.sessions.endFor(l.userId, l.eventId));
  });
  r.post('/events/:id/learners/:userId/extend', requireUser, async (req, res) => {
    const l = learner(req, res);
    const body = l && parseBody(extend, req, res);
    if (l && body) await act(res, l.eventId, async () => ({ extraMinutes: d.events.extend(l.eventId, l.userId, body.minutes) }));
  });
  return r;
}
