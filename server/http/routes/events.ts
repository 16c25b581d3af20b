import { Router } from 'express';
import { z } from 'zod';
import type { EventStore } from '../../events/event-store.ts';
import type { CatalogEntry } from '../../exercises/catalog.ts';
import type { LoadedExercise } from '../../exercises/loader.ts';
import { displayed } from '../../exercises/instance.ts';
import type { InstructorGrid } from '../../protocol/rest.ts';
import { parseBody, requireRole, requireUser } from '../auth-middleware.ts';

const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'a date and time').transform((s) => new Date(s).toISOString());
const createEvent = z
  .object({ name: z.string().trim().min(1).max(80), startsAt: iso, endsAt: iso, exercises: z.array(z.string().max(64)).min(1, 'pick at least one exercise').max(50) })
  .refine((e) => e.endsAt > e.startsAt, { message: 'must be after the start', path: ['endsAt'] });
const join = z.object({ code: z.string().trim().min(4).max(16) });
const team = z.object({ name: z.string().trim().min(1).max(40) });

export interface EventRouteDeps {
  events: EventStore;
  catalog: () => CatalogEntry[];
  exercise: (name: string) => LoadedExercise | undefined;
  exerciseTests: () => InstructorGrid['exerciseTests'];
  onTeamsChanged: (eventId: number) => void;
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
    const id = Number(req.params.id);
    const body = parseBody(team, req, res);
    if (!body) return;
    if (!d.events.isMember(id, req.user!.id)) return void res.status(403).json({ error: 'join the event first' });
    const t = d.events.createTeam(id, body.name, req.user!);
    if (!t) return void res.status(409).json({ error: 'a team with that name exists; join it instead', field: 'name' });
    d.onTeamsChanged(id);
    res.status(201).json(t);
  });
  r.post('/teams/:id/join', requireUser, (req, res) => {
    const t = d.events.team(Number(req.params.id));
    if (!t || !d.events.isMember(t.eventId, req.user!.id)) return void res.status(404).json({ error: 'no such team in your events' });
    d.events.putInTeam(t.eventId, t.id, req.user!.id);
    d.onTeamsChanged(t.eventId);
    res.json({ id: t.id, name: t.name });
  });
  r.get('/events/:id/leaderboard', requireUser, (req, res) => {
    const id = Number(req.params.id);
    if (!d.events.canSee(id, req.user!)) return void res.status(404).json({ error: 'no such event' });
    res.json(d.events.leaderboard(id));
  });
  r.get('/events/:id/leaderboard.csv', requireUser, (req, res) => {
    const id = Number(req.params.id);
    if (!d.events.canManage(id, req.user!)) return void res.status(403).json({ error: 'only the event’s instructors may export it' });
    res.type('text/csv').attachment(`leaderboard-${id}.csv`).send(d.events.leaderboardCsv(id));
  });
  r.get('/events/:id/grid', requireUser, (req, res) => {
    const id = Number(req.params.id);
    if (!d.events.canManage(id, req.user!)) return void res.status(403).json({ error: 'only the event’s instructors may see this' });
    const event = d.events.get(id, req.user!)!;
    const lb = d.events.leaderboard(id)!;
    const activity = d.events.activity(id);
    const grid: InstructorGrid = {
      exercises: event.exercises.flatMap((n) => {
        const ex = d.exercise(n);
        if (!ex) return [];
        const titles = displayed(ex).titles;
        return [{ name: n, objectives: ex.exercise.objectives.map((o) => ({ id: o.id, title: titles.get(o.id) ?? o.title })) }];
      }),
      learners: lb.individuals.map((u) => {
        const a = activity.get(u.id);
        return { id: u.id, name: u.name, ...(a?.team ? { team: a.team } : {}), hintsUsed: a?.hints ?? 0, minutes: a?.minutes ?? 0, states: (a?.states ?? {}) as InstructorGrid['learners'][number]['states'], seeds: a?.seeds ?? {} };
      }),
      exerciseTests: d.exerciseTests(),
    };
    res.json(grid);
  });
  return r;
}
