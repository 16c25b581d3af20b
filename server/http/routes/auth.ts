import { Router, type Response } from 'express';
import { z } from 'zod';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/password.ts';
import type { UserStore } from '../../auth/user-store.ts';
import type { EventStore } from '../../events/event-store.ts';
import type { Me } from '../../protocol/rest.ts';
import { parseBody, requireRole, requireUser } from '../auth-middleware.ts';
import { SESSION_COOKIE, sessionToken } from '../cookies.ts';
import { addressKey, KeyedLimiter } from '../rate-limit.ts';

const newPassword = z.string().superRefine((p, ctx) => {
  const problem = passwordProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const signup = z.object({
  username: z.string().trim().regex(/^[a-zA-Z0-9._-]{3,32}$/, '3 to 32 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1, 'required').max(60),
  password: newPassword,
  joinCode: z.string().trim().max(32).optional(),
});
const login = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });

export interface AuthOptions {
  secureCookies: boolean;
  /** `invite`: a new account needs the join code of an event that has not ended, except the
   * very first one (the admin, who creates the events). */
  signup: 'open' | 'invite';
  events: Pick<EventStore, 'list' | 'join' | 'eventsOf'>;
  /** A user signed out: end their live connections. */
  onSignOut: (userId: number) => void;
  /** An event's standings changed (an account left them). */
  onBoardChanged?: (eventId: number) => void;
  now?: () => number;
}

const LAST_ADMIN = 'that is the last active admin; make someone else an admin first';

/** Sees every event with its join code (to find the one a code names). */
const EVERY_EVENT: Me = { id: 0, username: '', displayName: '', role: 'admin' };

export function authRoutes(users: UserStore, o: AuthOptions): Router {
  const r = Router();
  const now = o.now ?? Date.now;
  // Password guessing: 10 tries per minute per client address, checked first so that one
  // address cannot fill the username table, then 10 per minute per username.
  const addresses = new KeyedLimiter({ rate: 10 / 60, burst: 10, maxKeys: 10_000, now });
  const usernames = new KeyedLimiter({ rate: 10 / 60, burst: 10, maxKeys: 10_000, now });
  // Account creation (and join-code guessing): a classroom at once, then one every 10 s.
  const signups = new KeyedLimiter({ rate: 1 / 10, burst: 30, maxKeys: 10_000, now });
  const signIn = (res: Response, userId: number) => {
    const { token, maxAgeMs } = users.startSession(userId);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: o.secureCookies, path: '/', maxAge: maxAgeMs });
  };

  /** Whether a sign-up with this join code (or none) may go ahead, and the code to join. */
  const invitation = (joinCode: string | undefined): { code?: string } | { status: 400 | 403; error: string } => {
    const code = joinCode?.toUpperCase();
    if (!code) {
      // the first account (the admin) needs no code; an admin always remains after it
      if (o.signup === 'invite' && users.anyAccount()) return { status: 400, error: 'sign-up is by invitation: enter the join code of your event' };
      return {};
    }
    const event = o.events.list(EVERY_EVENT).find((e) => e.joinCode === code);
    if (!event) return { status: 403, error: 'no event has that join code' };
    if (event.endsAt <= new Date(now()).toISOString()) return { status: 403, error: `${event.name} has ended; ask for the join code of a current event` };
    return { code };
  };

  r.post('/auth/signup', async (req, res) => {
    const body = parseBody(signup, req, res);
    if (!body) return;
    if (!signups.take(addressKey(req.socket.remoteAddress))) return void res.status(429).json({ error: 'too many sign-ups from your address; wait a minute' });
    let invite = invitation(body.joinCode); // before the costly hash, and again after it
    if ('error' in invite) return void res.status(invite.status).json({ error: invite.error, field: 'joinCode' });
    const passwordHash = await hashPassword(body.password);
    // Again, with nothing in between that could yield: the first account may have been made meanwhile.
    invite = invitation(body.joinCode);
    if ('error' in invite) return void res.status(invite.status).json({ error: invite.error, field: 'joinCode' });
    const me = users.create(body.username, body.displayName, passwordHash);
    if (!me) return void res.status(409).json({ error: 'that username is taken', field: 'username' });
    if (invite.code) o.events.join(invite.code, me);
    signIn(res, me.id);
    res.status(201).json(me);
  });

  r.post('/auth/login', async (req, res) => {
    const body = parseBody(login, req, res);
    if (!body) return;
    const address = addressKey(req.socket.remoteAddress);
    if (!addresses.take(address) || !usernames.take(body.username.toLowerCase())) {
      return void res.status(429).json({ error: 'too many sign-in attempts; wait a minute' });
    }
    const found = users.credentials(body.username);
    // Hash even for an unknown user, so timing does not tell which usernames exist.
    const ok = await verifyPassword(body.password, found?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!found || !ok) return void res.status(401).json({ error: 'wrong username or password' });
    // The hash check took a while: an admin may have reset the password (ending every session)
    // or disabled the account meanwhile. Read it again, with nothing in between that could
    // yield, so a sign-in with the old password never outlives a reset.
    const now = users.credentials(body.username);
    if (!now || now.me.id !== found.me.id || now.passwordHash !== found.passwordHash) return void res.status(401).json({ error: 'wrong username or password' });
    if (now.disabled) return void res.status(403).json({ error: 'this account is disabled; ask an administrator' });
    addresses.give(address); // only failures count against an address (a classroom behind one NAT signs in)
    signIn(res, found.me.id);
    res.json(found.me);
  });

  r.post('/auth/logout', (req, res) => {
    users.endSession(sessionToken(req.headers.cookie));
    if (req.user) o.onSignOut(req.user.id);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.status(204).end();
  });

  r.get('/auth/me', requireUser, (req, res) => {
    res.json(req.user);
  });

  /** Admins give roles: instructors create and run events. */
  r.post('/users/role', requireRole('admin'), (req, res) => {
    const body = parseBody(z.object({ username: z.string().trim().min(1).max(64), role: z.enum(['learner', 'instructor', 'admin']) }), req, res);
    if (!body) return;
    const found = users.credentials(body.username);
    if (!found) return void res.status(404).json({ error: 'no user with that name', field: 'username' });
    if (found.me.id === req.user!.id && body.role !== 'admin') return void res.status(400).json({ error: 'you cannot take away your own admin role', field: 'role' });
    if (users.setRole(found.me.id, body.role)) return void res.status(409).json({ error: LAST_ADMIN, field: 'role' });
    // a socket keeps the role it was opened with (and the grid rooms it joined): one whose
    // account lost powers is cut, and reconnects as what the account is now
    const rank = { learner: 0, instructor: 1, admin: 2 } as const;
    if (rank[body.role] < rank[found.me.role]) o.onSignOut(found.me.id);
    res.json(users.byId(found.me.id));
  });

  /** A user changes their own password (the current one first); their other sessions end. */
  r.post('/auth/password', requireUser, async (req, res) => {
    const body = parseBody(z.object({ current: z.string().min(1).max(200), password: newPassword }), req, res);
    if (!body) return;
    const me = req.user!;
    if (!usernames.take(me.username.toLowerCase())) return void res.status(429).json({ error: 'too many attempts; wait a minute' });
    const found = users.credentials(me.username);
    if (!found || !(await verifyPassword(body.current, found.passwordHash))) return void res.status(403).json({ error: 'the current password is wrong', field: 'current' });
    const passwordHash = await hashPassword(body.password);
    // Two slow hashes since the session was checked: it may have ended (signed out, the account
    // disabled) or the password been reset meanwhile. Then this change is stale.
    const token = sessionToken(req.headers.cookie);
    if (users.userForToken(token)?.id !== me.id) return void res.status(401).json({ error: 'sign in first' });
    if (users.credentials(me.username)?.passwordHash !== found.passwordHash) return void res.status(409).json({ error: 'your password was changed meanwhile; sign in again', field: 'current' });
    users.setPassword(me.id, passwordHash, token);
    res.status(204).end();
  });

  /** An admin sets a new password for someone who lost theirs, or disables or enables an
   * account. Either ends the account's sessions and live connections. */
  r.post('/users/account', requireRole('admin'), async (req, res) => {
    const body = parseBody(z.object({ username: z.string().trim().min(1).max(64), password: newPassword.optional(), disabled: z.boolean().optional() }), req, res);
    if (!body) return;
    const found = users.credentials(body.username);
    if (!found) return void res.status(404).json({ error: 'no user with that name', field: 'username' });
    if (found.me.id === req.user!.id && body.disabled) return void res.status(400).json({ error: 'you cannot disable your own account', field: 'disabled' });
    const passwordHash = body.password === undefined ? undefined : await hashPassword(body.password);
    // The hash took a while: the admin may have been disabled or demoted meanwhile (by another
    // admin doing the same to them). Only a still signed-in admin acts.
    if (passwordHash !== undefined && users.userForToken(sessionToken(req.headers.cookie))?.role !== 'admin') return void res.status(403).json({ error: 'only admin may do this' });
    // both changes at once, or neither when they would leave no active admin
    if (users.changeAccount(found.me.id, { passwordHash, disabled: body.disabled })) return void res.status(409).json({ error: LAST_ADMIN, field: 'disabled' });
    if (body.password !== undefined || body.disabled) o.onSignOut(found.me.id);
    res.json({ ...found.me, disabled: body.disabled ?? found.disabled });
  });

  /** An admin deletes an account: its points leave every board, its sessions end. */
  r.delete('/users/:username', requireRole('admin'), (req, res) => {
    const found = users.credentials(String(req.params.username).slice(0, 64));
    if (!found) return void res.status(404).json({ error: 'no user with that name', field: 'username' });
    if (found.me.id === req.user!.id) return void res.status(400).json({ error: 'you cannot delete your own account', field: 'username' });
    const boards = o.events.eventsOf(found.me.id);
    const refused = users.deleteAccount(found.me.id);
    if (refused === 'last-admin') return void res.status(409).json({ error: LAST_ADMIN, field: 'username' });
    if (refused === 'runs-events') return void res.status(409).json({ error: 'that account created events: disable it instead, so its events keep their instructor', field: 'username' });
    o.onSignOut(found.me.id);
    for (const id of boards) o.onBoardChanged?.(id);
    res.status(204).end();
  });
  return r;
}
