import { Router, type Request, type Response } from 'express';
import type { EventStore } from '../../events/event-store.ts';
import type { ApiError, CompetencyReport } from '../../protocol/rest.ts';
import { competencyReport, type ExerciseFacts } from '../../reports/competency.ts';
import { competencyCsv, CSV_VIEWS, type CsvView } from '../../reports/competency-csv.ts';
import type { ReportStore } from '../../reports/report-store.ts';
import { requireUser } from '../auth-middleware.ts';
import { idParam } from '../id-param.ts';

export interface ReportRouteDeps {
  events: Pick<EventStore, 'canManage' | 'get'>;
  reports: Pick<ReportStore, 'eventFacts' | 'learnerFacts'>;
  exercise: ExerciseFacts;
  now?: () => Date;
}

/** Competency reports: an event's for its instructors and admins (JSON, CSV, a JSON
 * download), and every learner's own. */
export function reportRoutes(d: ReportRouteDeps): Router {
  const r = Router();
  const now = d.now ?? (() => new Date());
  const fail = (res: Response, status: number, body: ApiError) => void res.status(status).json(body);

  /** The event's report, or undefined once the refusal is sent. */
  const eventReport = (req: Request, res: Response): CompetencyReport | undefined => {
    const id = idParam(req.params.id);
    const event = d.events.canManage(id, req.user!) ? d.events.get(id, req.user!) : undefined;
    if (!event) return void fail(res, 403, { error: 'only the event’s instructors and admins may see its report' });
    return competencyReport(d.reports.eventFacts(id), d.exercise, { kind: 'event', eventId: id, name: event.name }, now());
  };

  r.get('/events/:id/report', requireUser, (req, res) => {
    const report = eventReport(req, res);
    if (report) res.json(report);
  });
  r.get('/events/:id/report.json', requireUser, (req, res) => {
    const report = eventReport(req, res);
    if (report) res.attachment(`competency-${report.scope.kind === 'event' ? report.scope.eventId : 0}.json`).type('application/json').send(JSON.stringify(report, null, 2));
  });
  r.get('/events/:id/report.csv', requireUser, (req, res) => {
    const by = req.query.by ?? 'learner';
    if (typeof by !== 'string' || !(CSV_VIEWS as readonly string[]).includes(by)) return fail(res, 400, { error: `by: must be one of ${CSV_VIEWS.join(', ')} (default learner)`, field: 'by' });
    const report = eventReport(req, res);
    if (report) res.type('text/csv').attachment(`competency-${req.params.id}-by-${by}.csv`).send(competencyCsv(report, by as CsvView));
  });
  r.get('/me/report', requireUser, (req, res) => {
    const me = req.user!;
    res.json(competencyReport(d.reports.learnerFacts(me.id), d.exercise, { kind: 'learner', userId: me.id, name: me.displayName }, now()));
  });
  return r;
}
