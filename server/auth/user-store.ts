import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/database.ts';
import type { Me, Role } from '../protocol/rest.ts';

const SESSION_DAYS = 7;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

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

  /** Sets a new password and ends every signed-in session of the account (except `keep`,
   * the token of the session that changed it). */
  setPassword(id: number, passwordHash: string, keep?: string): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET password_hash = ? WHERE id = ?').run(passwordHash, id);
      this.db.prepare('DELETE FROM auth_sessions WHERE user_id = ? AND token_hash != ?').run(id, keep ? sha256(keep) : '');
    })();
  }

  /** A disabled account cannot sign in, and its sessions end at once. */
  setDisabled(id: number, disabled: boolean): void {
    this.db.transaction(() => {
      this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? new Date().toISOString() : null, id);
      if (disabled) this.db.prepare('DELETE FROM auth_sessions WHERE user_id = ?').run(id);
    })();
  }

  setRole(id: number, role: Role): void {
    this.db.prepare('UPDATE users SET role = ? WHERE id = ?').run(role, id);
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
