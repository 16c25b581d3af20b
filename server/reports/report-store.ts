import type { Db } from '../db/database.ts';
import type { ReportFacts } from './competency.ts';

type Row = { user_id: number; event_id: number; exercise: string };
const scoped = (r: Row) => ({ userId: r.user_id, eventId: r.event_id, exercise: r.exercise });

/** The rows a competency report is computed from (competency.ts): sessions, awards, hint
 * reveals and regressions, of one event or of one learner everywhere. Reads only. */
export class ReportStore {
  constructor(private readonly db: Db) {}

  /** One event: its members (with their teams) and anyone with work recorded in it. */
  eventFacts(eventId: number): ReportFacts {
    const rows = this.rows('event_id', eventId);
    const people = this.db
      .prepare(
        `SELECT u.id, u.display_name AS name, m.team_id FROM users u LEFT JOIN team_members m ON m.event_id = ? AND m.user_id = u.id
         WHERE u.id IN (SELECT user_id FROM event_members WHERE event_id = ?
                        UNION SELECT user_id FROM sessions WHERE event_id = ?
                        UNION SELECT user_id FROM awards WHERE event_id = ?
                        UNION SELECT user_id FROM hint_reveals WHERE event_id = ?)`,
      )
      .all(eventId, eventId, eventId, eventId, eventId) as { id: number; name: string; team_id: number | null }[];
    const teams = this.db.prepare('SELECT id, name FROM teams WHERE event_id = ?').all(eventId) as { id: number; name: string }[];
    return { ...rows, people: people.map((p) => ({ id: p.id, name: p.name, ...(p.team_id === null ? {} : { teamId: p.team_id }) })), teams };
  }

  /** One learner: practice and every event, without teams (a learner has one per event). */
  learnerFacts(userId: number): ReportFacts {
    const me = this.db.prepare('SELECT id, display_name AS name FROM users WHERE id = ?').get(userId) as { id: number; name: string } | undefined;
    return { ...this.rows('user_id', userId), people: me ? [me] : [], teams: [] };
  }

  private rows(column: 'event_id' | 'user_id', value: number): Pick<ReportFacts, 'sessions' | 'awards' | 'hints' | 'regressions'> {
    const sessions = this.db.prepare(`SELECT user_id, event_id, exercise, started_at FROM sessions WHERE ${column} = ?`).all(value) as (Row & { started_at: string })[];
    const awards = this.db.prepare(`SELECT user_id, event_id, exercise, objective, awarded_at FROM awards WHERE ${column} = ?`).all(value) as (Row & { objective: string; awarded_at: string })[];
    const hints = this.db.prepare(`SELECT user_id, event_id, exercise, cost FROM hint_reveals WHERE ${column} = ?`).all(value) as (Row & { cost: number })[];
    const regressions = this.db
      .prepare(
        `SELECT s.user_id, s.event_id, s.exercise, COUNT(*) AS n FROM objective_results r JOIN sessions s ON s.id = r.session_id
         WHERE s.${column} = ? AND r.state = 'regressed' GROUP BY s.user_id, s.event_id, s.exercise`,
      )
      .all(value) as (Row & { n: number })[];
    return {
      sessions: sessions.map((r) => ({ ...scoped(r), startedAt: r.started_at })),
      awards: awards.map((r) => ({ ...scoped(r), objective: r.objective, awardedAt: r.awarded_at })),
      hints: hints.map((r) => ({ ...scoped(r), cost: r.cost })),
      regressions: regressions.map((r) => ({ ...scoped(r), count: r.n })),
    };
  }
}
