import { randomInt } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { EventView, Leaderboard, Me } from '../protocol/rest.ts';
import { csvCell } from '../reports/csv-cell.ts';
import { rank } from '../scoring/rules.ts';
import { frozenAt, isOpen, type DestroyClusters, type EventPolicy } from './event-policy.ts';

interface EventRow {
  id: number;
  name: string;
  join_code: string;
  starts_at: string;
  ends_at: string;
  exercises: string;
  created_by: number;
  freeze_minutes: number;
  hints_allowed: number;
  hint_cost_multiplier: number;
  destroy_clusters: DestroyClusters;
}

export type NewEvent = { name: string; startsAt: string; endsAt: string; exercises: string[] } & Partial<Pick<EventPolicy, 'freezeMinutes' | 'hintsAllowed' | 'hintCostMultiplier' | 'destroyClusters'>>;

export interface Announcement {
  id: number;
  eventId: number;
  text: string;
  at: string;
}

type AnnouncementRow = { id: number; event_id: number; text: string; at: string };
const toAnnouncement = (r: AnnouncementRow): Announcement => ({ id: r.id, eventId: r.event_id, text: r.text, at: r.at });

/** One learner's work in an event, for the instructor's grid. */
interface Activity {
  /** `exercise/objective` → the latest state. */
  states: Record<string, string>;
  /** Per exercise: the seed and the id of the latest session. */
  seeds: Record<string, string>;
  sessions: Record<string, string>;
  hints: number;
  minutes: number;
  team?: string;
}

/** Join codes avoid look-alike characters (0/O, 1/I). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Events, their members and teams, and leaderboards computed from awards and hints. */
export class EventStore {
  constructor(private readonly db: Db) {}

  create(by: Me, e: NewEvent): EventView {
    const code = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
    const r = this.db
      .prepare('INSERT INTO events (name, join_code, starts_at, ends_at, exercises, created_by, freeze_minutes, hints_allowed, hint_cost_multiplier, destroy_clusters) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(e.name, code, e.startsAt, e.endsAt, JSON.stringify(e.exercises), by.id, e.freezeMinutes ?? 0, e.hintsAllowed === false ? 0 : 1, e.hintCostMultiplier ?? 1, e.destroyClusters ?? 'event-end');
    return this.view(this.row(Number(r.lastInsertRowid))!, by);
  }

  /** How the event runs: its window, freeze, hint policy and what happens to clusters. */
  policy(id: number): EventPolicy | undefined {
    const r = this.row(id);
    return r && { startsAt: r.starts_at, endsAt: r.ends_at, freezeMinutes: r.freeze_minutes, hintsAllowed: r.hints_allowed === 1, hintCostMultiplier: r.hint_cost_multiplier, destroyClusters: r.destroy_clusters };
  }

  exercisesOf(id: number): string[] | undefined {
    const r = this.row(id);
    return r && (JSON.parse(r.exercises) as string[]);
  }

  /** Extra minutes an instructor gave one learner beyond the event's end. */
  extraMinutes(eventId: number, userId: number): number {
    return (this.db.prepare('SELECT minutes FROM event_extensions WHERE event_id = ? AND user_id = ?').get(eventId, userId) as { minutes: number } | undefined)?.minutes ?? 0;
  }

  /** Is the event open for this learner: from its start to its end plus their extra minutes?
   * False for no such event. */
  openFor(eventId: number, userId: number, now = new Date()): boolean {
    const p = this.policy(eventId);
    return !!p && isOpen(now, p, this.extraMinutes(eventId, userId));
  }

  /** Gives a learner more time (added to what they had); returns their extra minutes. */
  extend(eventId: number, userId: number, minutes: number): number {
    this.db.prepare('INSERT INTO event_extensions (event_id, user_id, minutes) VALUES (?, ?, ?) ON CONFLICT (event_id, user_id) DO UPDATE SET minutes = minutes + excluded.minutes').run(eventId, userId, minutes);
    return this.extraMinutes(eventId, userId);
  }

  announce(eventId: number, by: Me, text: string): Announcement {
    const r = this.db.prepare('INSERT INTO announcements (event_id, text, by_user) VALUES (?, ?, ?) RETURNING id, event_id, text, at').get(eventId, text, by.id) as AnnouncementRow;
    return toAnnouncement(r);
  }

  /** The event's latest announcements, newest first. */
  announcements(eventId: number, limit = 20): Announcement[] {
    const rows = this.db.prepare('SELECT id, event_id, text, at FROM announcements WHERE event_id = ? ORDER BY id DESC LIMIT ?').all(eventId, limit) as AnnouncementRow[];
    return rows.map(toAnnouncement);
  }

  /** Ids of the event's members (for pushing to them). */
  memberIds(eventId: number): number[] {
    return (this.db.prepare('SELECT user_id FROM event_members WHERE event_id = ?').all(eventId) as { user_id: number }[]).map((r) => r.user_id);
  }

  /** Events that ended in (since, now]. */
  endedBetween(since: string, now: string): number[] {
    return (this.db.prepare('SELECT id FROM events WHERE ends_at > ? AND ends_at <= ?').all(since, now) as { id: number }[]).map((r) => r.id);
  }

  /** Every event's schedule and exercises (for pre-warming), without members or codes. */
  schedules(): { startsAt: string; endsAt: string; exercises: string[] }[] {
    const rows = this.db.prepare('SELECT starts_at, ends_at, exercises FROM events').all() as Pick<EventRow, 'starts_at' | 'ends_at' | 'exercises'>[];
    return rows.map((r) => ({ startsAt: r.starts_at, endsAt: r.ends_at, exercises: JSON.parse(r.exercises) as string[] }));
  }

  private row(id: number): EventRow | undefined {
    return this.db.prepare('SELECT * FROM events WHERE id = ?').get(id) as EventRow | undefined;
  }

  get(id: number, me: Me): EventView | undefined {
    const r = this.row(id);
    return r && this.view(r, me);
  }

  /** May this user see the event (member, its creator, or an admin)? */
  canSee(id: number, me: Me): boolean {
    const r = this.row(id);
    return !!r && (me.role === 'admin' || r.created_by === me.id || this.isMember(id, me.id));
  }

  /** May this user run it (its creator while an instructor, or an admin)? An instructor an
   * admin made a learner again no longer runs the events they created (their grid, reports,
   * actions on learners), as they no longer read their replays (replay-access.ts). */
  canManage(id: number, me: Me): boolean {
    const r = this.row(id);
    return !!r && (me.role === 'admin' || (me.role === 'instructor' && r.created_by === me.id));
  }

  isMember(eventId: number, userId: number): boolean {
    return !!this.db.prepare('SELECT 1 FROM event_members WHERE event_id = ? AND user_id = ?').get(eventId, userId);
  }

  list(me: Me): EventView[] {
    const rows = this.db
      .prepare('SELECT DISTINCT e.* FROM events e LEFT JOIN event_members m ON m.event_id = e.id AND m.user_id = ? WHERE e.created_by = ? OR m.user_id IS NOT NULL OR ? ORDER BY e.starts_at DESC')
      .all(me.id, me.id, me.role === 'admin' ? 1 : 0) as EventRow[];
    return rows.map((r) => this.view(r, me));
  }

  join(code: string, me: Me): EventView | undefined {
    const r = this.db.prepare('SELECT * FROM events WHERE join_code = ?').get(code.trim().toUpperCase()) as EventRow | undefined;
    if (!r) return undefined;
    this.db.prepare('INSERT INTO event_members (event_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(r.id, me.id);
    return this.view(r, me);
  }

  /** Creates a team in an event and moves the user into it. Undefined if the name is taken. */
  createTeam(eventId: number, name: string, me: Me): { id: number; name: string } | undefined {
    return this.db.transaction(() => {
      const r = this.db.prepare('INSERT INTO teams (event_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING').run(eventId, name);
      if (r.changes !== 1) return undefined;
      const team = { id: Number(r.lastInsertRowid), name };
      this.putInTeam(eventId, team.id, me.id);
      return team;
    }).immediate();
  }

  team(id: number): { id: number; name: string; eventId: number } | undefined {
    const t = this.db.prepare('SELECT id, name, event_id FROM teams WHERE id = ?').get(id) as { id: number; name: string; event_id: number } | undefined;
    return t && { id: t.id, name: t.name, eventId: t.event_id };
  }

  /** Moves a member into a team. The team they leave goes once nobody is left in it: every
   * team has a member, so a learner creating team after team holds one, not thousands that
   * every leaderboard, push and report would carry. */
  putInTeam(eventId: number, teamId: number, userId: number): void {
    this.db.transaction(() => {
      const left = this.db.prepare('SELECT team_id FROM team_members WHERE event_id = ? AND user_id = ?').get(eventId, userId) as { team_id: number } | undefined;
      this.db.prepare('INSERT INTO event_members (event_id, user_id) VALUES (?, ?) ON CONFLICT DO NOTHING').run(eventId, userId);
      this.db.prepare('INSERT INTO team_members (event_id, team_id, user_id) VALUES (?, ?, ?) ON CONFLICT (event_id, user_id) DO UPDATE SET team_id = excluded.team_id').run(eventId, teamId, userId);
      if (left && left.team_id !== teamId) this.db.prepare('DELETE FROM teams WHERE id = ? AND NOT EXISTS (SELECT 1 FROM team_members WHERE team_id = ?)').run(left.team_id, left.team_id);
    }).immediate();
  }

  private view(r: EventRow, me: Me): EventView {
    const team = this.db.prepare('SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.event_id = ? AND m.user_id = ?').get(r.id, me.id) as { id: number; name: string } | undefined;
    return {
      id: r.id,
      name: r.name,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      exercises: JSON.parse(r.exercises) as string[],
      freezeMinutes: r.freeze_minutes,
      hintsAllowed: r.hints_allowed === 1,
      hintCostMultiplier: r.hint_cost_multiplier,
      destroyClusters: r.destroy_clusters,
      ...(me.role === 'admin' || r.created_by === me.id ? { joinCode: r.join_code } : {}),
      ...(team ? { myTeam: team } : {}),
    };
  }

  /** Standings computed on the server from awards minus hint costs, and the score over time.
   * `asSeenBy: 'learners'` during the freeze counts only what was scored before it began.
   * Disabled accounts are off the board. */
  leaderboard(eventId: number, asSeenBy: 'staff' | 'learners' = 'staff', now = new Date()): Leaderboard | undefined {
    const e = this.row(eventId);
    if (!e) return undefined;
    const frozen = asSeenBy === 'learners' ? frozenAt(now, { startsAt: e.starts_at, endsAt: e.ends_at, freezeMinutes: e.freeze_minutes }) : undefined;
    const ledger = this.db
      .prepare(
        `SELECT u.id AS user_id, u.display_name AS name, t.id AS team_id, t.name AS team, x.points, x.at FROM (
           SELECT user_id, points, awarded_at AS at FROM awards WHERE event_id = ?
           UNION ALL SELECT user_id, -cost, revealed_at FROM hint_reveals WHERE event_id = ?
         ) x JOIN users u ON u.id = x.user_id AND u.disabled_at IS NULL
         LEFT JOIN team_members m ON m.event_id = ? AND m.user_id = x.user_id
         LEFT JOIN teams t ON t.id = m.team_id WHERE x.at < ? ORDER BY x.at`,
      )
      .all(eventId, eventId, eventId, frozen ?? '\uffff') as { user_id: number; name: string; team_id: number | null; team: string | null; points: number; at: string }[];
    const members = this.db
      .prepare('SELECT u.id, u.display_name AS name FROM event_members em JOIN users u ON u.id = em.user_id WHERE em.event_id = ? AND u.disabled_at IS NULL')
      .all(eventId) as { id: number; name: string }[];
    const teams = this.db.prepare('SELECT id, name FROM teams WHERE event_id = ?').all(eventId) as { id: number; name: string }[];
    const tally = (rows: { id: number; name: string }[], key: (l: (typeof ledger)[number]) => number | null) =>
      rank(
        rows.map((r) => {
          const mine = ledger.filter((l) => key(l) === r.id);
          const scored = mine.filter((l) => l.points > 0);
          return { id: r.id, name: r.name, score: mine.reduce((s, l) => s + l.points, 0), lastScoredAt: scored.at(-1)?.at ?? null };
        }),
      );
    const series = teams.map((t) => {
      let total = 0;
      const points: [string, number][] = [[e.starts_at, 0]];
      for (const l of ledger.filter((x) => x.team_id === t.id)) points.push([l.at, (total += l.points)]);
      return { id: t.id, name: t.name, points };
    });
    return { eventId, startsAt: e.starts_at, endsAt: e.ends_at, ...(frozen ? { frozenAt: frozen } : {}), teams: tally(teams, (l) => l.team_id), individuals: tally(members, (l) => l.user_id), series };
  }

  /** The leaderboard as CSV (instructors). */
  leaderboardCsv(eventId: number): string | undefined {
    const lb = this.leaderboard(eventId);
    if (!lb) return undefined;
    const lines = ['kind,rank,name,score,last_scored_at'];
    for (const [kind, rows] of [['team', lb.teams], ['individual', lb.individuals]] as const) {
      for (const r of rows) lines.push([kind, r.rank, csvCell(r.name), r.score, r.lastScoredAt ?? ''].join(','));
    }
    return lines.join('\n') + '\n';
  }

  /** Per learner of an event: latest state of each objective they worked on
   * (`exercise/objective` → state), the seed of their latest session of each exercise, hints revealed, and minutes spent in sessions. */
  activity(eventId: number): Map<number, Activity> {
    const out = new Map<number, Activity>();
    const get = (id: number) => out.get(id) ?? out.set(id, { states: {}, seeds: {}, sessions: {}, hints: 0, minutes: 0 }).get(id)!;
    for (const r of this.db.prepare('SELECT m.user_id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.event_id = ?').all(eventId) as { user_id: number; name: string }[]) get(r.user_id).team = r.name;
    const latest = this.db
      .prepare(
        `SELECT s.user_id, s.exercise, r.objective_id, r.state FROM objective_results r JOIN sessions s ON s.id = r.session_id
         WHERE r.id IN (SELECT MAX(r2.id) FROM objective_results r2 JOIN sessions s2 ON s2.id = r2.session_id WHERE s2.event_id = ? GROUP BY s2.user_id, s2.exercise, r2.objective_id)`,
      )
      .all(eventId) as { user_id: number; exercise: string; objective_id: string; state: string }[];
    for (const r of latest) get(r.user_id).states[`${r.exercise}/${r.objective_id}`] = r.state;
    const sessionsNow = this.db
      .prepare('SELECT id, user_id, exercise, seed FROM sessions WHERE rowid IN (SELECT MAX(rowid) FROM sessions WHERE event_id = ? GROUP BY user_id, exercise)')
      .all(eventId) as { id: string; user_id: number; exercise: string; seed: string | null }[];
    for (const r of sessionsNow) {
      get(r.user_id).sessions[r.exercise] = r.id;
      if (r.seed !== null) get(r.user_id).seeds[r.exercise] = r.seed;
    }
    for (const r of this.db.prepare('SELECT user_id, COUNT(*) AS n FROM hint_reveals WHERE event_id = ? GROUP BY user_id').all(eventId) as { user_id: number; n: number }[]) get(r.user_id).hints = r.n;
    const minutes = this.db
      .prepare("SELECT user_id, SUM((julianday(COALESCE(ended_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))) - julianday(started_at)) * 1440) AS m FROM sessions WHERE event_id = ? GROUP BY user_id")
      .all(eventId) as { user_id: number; m: number }[];
    for (const r of minutes) get(r.user_id).minutes = Math.round(r.m);
    return out;
  }

  /** Events whose leaderboard a user's points affect. */
  eventsOf(userId: number): number[] {
    return (this.db.prepare('SELECT event_id FROM event_members WHERE user_id = ?').all(userId) as { event_id: number }[]).map((r) => r.event_id);
  }
}
