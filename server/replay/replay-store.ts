import type { Db } from '../db/database.ts';
import type { ReplayDiffLine, ReplayEntry, ReplayObjectiveChange, ReplayView } from '../protocol/rest.ts';
import { replayTimeline } from './timeline.ts';

/** How much of a session's replay is kept: its first entries, up to either bound (see
 * migrations/005-replay.sql for why the first, not the latest). */
export interface ReplayBounds {
  maxEntries: number;
  maxBytes: number;
}

export const REPLAY_BOUNDS: ReplayBounds = { maxEntries: 2000, maxBytes: 2 * 1024 * 1024 };

/** Who a session belongs to, for the route's authorization. */
export interface ReplaySessionFacts {
  userId: number;
  eventId: number;
  exercise: string;
  startedAt: string;
  endedAt?: string;
  /** The seed the learner's values were drawn from. */
  seed?: string;
}

interface EntryRow {
  at: string;
  verb: ReplayEntry['verb'];
  api_version: string;
  kind: string;
  namespace: string | null;
  name: string;
  manager: string;
  diff: string;
  more: number;
}

/** Replay entries in SQLite, bounded per session; the view joins the objective results by time. */
export class ReplayStore {
  constructor(
    private readonly db: Db,
    private readonly bounds: ReplayBounds = REPLAY_BOUNDS,
  ) {}

  /** Keeps the entry unless the session's bound is reached; then only counts it. */
  record(sessionId: string, e: ReplayEntry): 'kept' | 'dropped' {
    const diff = JSON.stringify(e.diff);
    const bytes = Buffer.byteLength(diff);
    return this.db.transaction(() => {
      this.db.prepare('INSERT INTO replay_totals (session_id) VALUES (?) ON CONFLICT DO NOTHING').run(sessionId);
      const t = this.db.prepare('SELECT kept, bytes FROM replay_totals WHERE session_id = ?').get(sessionId) as { kept: number; bytes: number };
      if (t.kept >= this.bounds.maxEntries || t.bytes + bytes > this.bounds.maxBytes) {
        this.db.prepare('UPDATE replay_totals SET dropped = dropped + 1 WHERE session_id = ?').run(sessionId);
        return 'dropped' as const;
      }
      this.db
        .prepare('INSERT INTO replay_entries (session_id, at, verb, api_version, kind, namespace, name, manager, diff, more) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
        .run(sessionId, e.at, e.verb, e.apiVersion, e.kind, e.namespace ?? null, e.name, e.manager, diff, e.more);
      this.db.prepare('UPDATE replay_totals SET kept = kept + 1, bytes = bytes + ? WHERE session_id = ?').run(bytes, sessionId);
      return 'kept' as const;
    }).immediate();
  }

  session(sessionId: string): ReplaySessionFacts | undefined {
    const r = this.db.prepare('SELECT user_id, event_id, exercise, started_at, ended_at, seed FROM sessions WHERE id = ?').get(sessionId) as
      | { user_id: number; event_id: number; exercise: string; started_at: string; ended_at: string | null; seed: string | null }
      | undefined;
    return r && { userId: r.user_id, eventId: r.event_id, exercise: r.exercise, startedAt: r.started_at, ...(r.ended_at ? { endedAt: r.ended_at } : {}), ...(r.seed ? { seed: r.seed } : {}) };
  }

  view(sessionId: string): ReplayView | undefined {
    const s = this.session(sessionId);
    if (!s) return undefined;
    const rows = this.db.prepare('SELECT at, verb, api_version, kind, namespace, name, manager, diff, more FROM replay_entries WHERE session_id = ? ORDER BY at, id').all(sessionId) as EntryRow[];
    const entries: ReplayEntry[] = rows.map((r) => ({
      at: r.at,
      verb: r.verb,
      apiVersion: r.api_version,
      kind: r.kind,
      ...(r.namespace !== null ? { namespace: r.namespace } : {}),
      name: r.name,
      manager: r.manager,
      diff: JSON.parse(r.diff) as ReplayDiffLine[],
      more: r.more,
    }));
    const results = this.db.prepare('SELECT at, objective_id AS objective, state, detail FROM objective_results WHERE session_id = ? ORDER BY at, id').all(sessionId) as ReplayObjectiveChange[];
    const dropped = (this.db.prepare('SELECT dropped FROM replay_totals WHERE session_id = ?').get(sessionId) as { dropped: number } | undefined)?.dropped ?? 0;
    return { sessionId, ...s, items: replayTimeline(entries, results), dropped };
  }
}
