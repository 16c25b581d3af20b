import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Me, Role } from '../protocol/rest.ts';

const SESSION_DAYS = 7;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** What names a signed-in session without being it: the SHA-256 of its token (what the
 * database stores), so that live connections can be matched to the session they came from. */
export const sessionId = (token: string): string => sha256(token);

/** Some or all of an account's sessions ended: live connections made with them must end too.
 * `except`: the one session that stays (its sessionId). `disabled`: the account itself is
 * disabled, so everything it runs must stop, not only its connections. */
export interface SessionsEnded {
  userId: number;
  except?: string;
  disabled: boolean;
}

/** Why an account change was refused. */
export type AccountRefusal = 'last-admin' | 'runs-events';

interface UserRow {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  disabled_at: string | null;
}

const toMe = (u: UserRow): Me => ({ id: u.id, username: u.username, displayName: u.display_name, role: u.role });

/** Accounts and signed-in sessions. A session cookie carries a random token; only its
 * SHA-256 is stored, so a copy of the database signs nobody in. */
export class UserStore {
  private readonly listeners: ((e: SessionsEnded) => void)[] = [];

  constructor(private readonly db: Db) {}

  /** Creates an account; the very first one is the admin. Returns undefined if taken. */
  create(username: string, displayName: string, passwordHash: string): Me | undefined {
    return this.db.transaction(() => {
      const first = (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n === 0;
      const r = this.db
        .prepare('INSERT INTO users (username, display_name, password_hash, role) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(username, displayName, passwordHash, first ? 'admin' : 'learner');
      return r.changes === 1 ? this.byId(Number(r.lastInsertRowid)) : undefined;
    }).immediate();
  }

  byId(id: number): Me | undefined {
    const u = this.db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
    return u && toMe(u);
  }

  /** The user, stored hash and status, for a sign-in attempt or an admin's action. */
  credentials(username: string): { me: Me; passwordHash: string; disabled: boolean } | undefined {
    const u = this.db.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
    return u && { me: toMe(u), passwordHash: u.password_hash, disabled: u.disabled_at !== null };
  }

  /** Called after sessions end (a password set, an account disabled). */
  onSessionsEnded(listener: (e: SessionsEnded) => void): void {
    this.listeners.push(listener);
  }

  private ended(e: SessionsEnded): void {
    for (const l of this.listeners) l(e);
  }

  /** Sets a new password and ends every signed-in session of the account (except `keep`,
   * the token of the session that changed it), live connections included. */
  setPassword(id: number, passwordHash: string, keep?: string): void {
    this.changeAccount(id, { passwordHash, keep });
  }

  /** A disabled account cannot sign in, and its sessions end at once. Refused for the last
   * active admin (nobody could enable anyone again). */
  setDisabled(id: number, disabled: boolean): AccountRefusal | undefined {
    return this.changeAccount(id, { disabled });
  }

  /** A new password and/or a new status, at once: either both happen or, when the change
   * would leave no active admin, neither. Sessions end (but `keep`) on a new password, all of
   * them when disabled; then listeners hear of it. */
  changeAccount(id: number, c: { passwordHash?: string; keep?: string; disabled?: boolean }): AccountRefusal | undefined {
    const refused = this.db.transaction((): AccountRefusal | undefined => {
      if (c.disabled && this.isLastActiveAdmin(id)) return 'last-admin';
      if (c.passwordHash !== undefined) {
        this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(c.passwordHash, id);
        this.db.prepare('DELETE FROM auth_sessions WHERE user_id = ? AND token_hash != ?').run(id, c.keep ? sha256(c.keep) : '');
      }
      if (c.disabled !== undefined) {
        // an account disabled already keeps the time it was disabled
        this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(c.disabled ? (this.disabledAt(id) ?? new Date().toISOString()) : null, id);
        if (c.disabled) this.db.prepare('DELETE FROM auth_sessions WHERE user_id = ?').run(id);
      }
      return undefined;
    }).immediate();
    if (refused) return refused;
    if (c.disabled) this.ended({ userId: id, disabled: true });
    else if (c.passwordHash !== undefined) this.ended({ userId: id, except: c.keep ? sha256(c.keep) : undefined, disabled: false });
    return undefined;
  }

  /** Has anyone signed up yet? (The first account becomes admin; one admin always remains.) */
  anyAccount(): boolean {
    return !!this.db.prepare('SELECT 1 FROM users LIMIT 1').get();
  }

  /** Deletes an account and everything it did: its sessions (their results and replays), awards
   * and hints (so it leaves every board), memberships and announcements. Refused for the last
   * active admin, and for an account that created events (disable it instead: the events keep
   * their instructor). Its sessions end at once (listeners hear of it). The row stays as a
   * nameless, disabled tombstone, so that its id is never given to the next sign-up (which
   * would inherit whatever still names the id: ended sessions in memory, rate limits). */
  deleteAccount(id: number): AccountRefusal | undefined {
    const refused = this.db.transaction((): AccountRefusal | undefined => {
      if (this.isLastActiveAdmin(id)) return 'last-admin';
      if (this.db.prepare('SELECT 1 FROM events WHERE created_by = ?').get(id)) return 'runs-events';
      // every team has a member (EventStore.putInTeam): the teams only this account was in go
      this.db.prepare('DELETE FROM teams WHERE id IN (SELECT team_id FROM team_members WHERE user_id = ?) AND id NOT IN (SELECT team_id FROM team_members WHERE user_id != ?)').run(id, id);
      for (const table of ['auth_sessions', 'awards', 'hint_reveals', 'team_members', 'event_members', 'event_extensions', 'sessions']) {
        this.db.prepare(`DELETE FROM ${table} WHERE user_id = ?`).run(id);
      }
      this.db.prepare('DELETE FROM announcements WHERE by_user = ?').run(id);
      // ':' is in no username a sign-up accepts: the name is free again, the tombstone unreachable
      this.db.prepare("UPDATE users SET username = ?, display_name = 'deleted account', password_hash = '!', role = 'learner', disabled_at = COALESCE(disabled_at, ?) WHERE id = ?").run(`:deleted:${id}`, new Date().toISOString(), id);
      return undefined;
    }).immediate();
    if (!refused) this.ended({ userId: id, disabled: true });
    return refused;
  }

  /** Gives a role; refused when it would take the admin role from the last active admin. */
  setRole(id: number, role: Role): AccountRefusal | undefined {
    return this.db.transaction((): AccountRefusal | undefined => {
      if (role !== 'admin' && this.isLastActiveAdmin(id)) return 'last-admin';
      this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
      return undefined;
    }).immediate();
  }

  /** The account is an enabled admin and no other enabled admin exists. */
  private isLastActiveAdmin(id: number): boolean {
    const u = this.db.prepare('SELECT role, disabled_at FROM users WHERE id = ?').get(id) as Pick<UserRow, 'role' | 'disabled_at'> | undefined;
    if (!u || u.role !== 'admin' || u.disabled_at !== null) return false;
    const others = this.db.prepare("SELECT COUNT(*) AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != ?").get(id) as { n: number };
    return others.n === 0;
  }

  private disabledAt(id: number): string | undefined {
    return (this.db.prepare('SELECT disabled_at FROM users WHERE id = ?').get(id) as { disabled_at: string | null } | undefined)?.disabled_at ?? undefined;
  }

  startSession(userId: number): { token: string; maxAgeMs: number } {
    const token = randomBytes(32).toString('base64url');
    const maxAgeMs = SESSION_DAYS * 86_400_000;
    this.db.prepare('INSERT INTO auth_sessions (token_hash, user_id, expires_at) VALUES (?, ?, ?)').run(sha256(token), userId, new Date(Date.now() + maxAgeMs).toISOString());
    return { token, maxAgeMs };
  }

  userForToken(token: string | undefined): Me | undefined {
    if (!token) return undefined;
    const row = this.db.prepare('SELECT user_id, expires_at FROM auth_sessions WHERE token_hash = ?').get(sha256(token)) as { user_id: number; expires_at: string } | undefined;
    if (!row || row.expires_at < new Date().toISOString()) return undefined;
    const u = this.db.prepare('SELECT * FROM users WHERE id = ? AND disabled_at IS NULL').get(row.user_id) as UserRow | undefined;
    return u && toMe(u);
  }

  endSession(token: string | undefined): void {
    if (token) this.db.prepare('DELETE FROM auth_sessions WHERE token_hash = ?').run(sha256(token));
  }
}
