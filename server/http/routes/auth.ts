import { Router, type Response } from 'express';
import { z } from 'zod';
import { hashPassword, passwordProblem, verifyPassword } from '../../auth/password.ts';
import type { UserStore } from '../../auth/user-store.ts';
import { parseBody, requireRole, requireUser } from '../auth-middleware.ts';
import { SESSION_COOKIE, sessionToken } from '../cookies.ts';
import { TokenBucket } from '../rate-limit.ts';

const signup = z.object({
  username: z.string().trim().regex(/^[a-zA-Z0-9._-]{3,32}$/, '3 to 32 letters, digits, dots, dashes or underscores'),
  displayName: z.string().trim().min(1, 'required').max(60),
  password: z.string().superRefine((p, ctx) => {
    const problem = passwordProblem(p);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});
const login = z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(200) });

export function authRoutes(users: UserStore, o: { secureCookies: boolean }): Router {
  const r = Router();
  // Password guessing: 10 tries per minute per username and per client address.
  const buckets = new Map<string, TokenBucket>();
  const allowed = (key: string) => {
    if (buckets.size > 10_000) buckets.clear();
    const b = buckets.get(key) ?? buckets.set(key, new TokenBucket(10 / 60, 10)).get(key)!;
    return b.take();
  };
  const signIn = (res: Response, userId: number) => {
    const { token, maxAgeMs } = users.startSession(userId);
    res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: o.secureCookies, path: '/', maxAge: maxAgeMs });
  };

  r.post('/auth/signup', async (req, res) => {
    const body = parseBody(signup, req, res);
    if (!body) return;
    const me = users.create(body.username, body.displayName, await hashPassword(body.password));
    if (!me) return void res.status(409).json({ error: 'that username is taken', field: 'username' });
    signIn(res, me.id);
    res.status(201).json(me);
  });

  r.post('/auth/login', async (req, res) => {
    const body = parseBody(login, req, res);
    if (!body) return;
    if (!allowed(`u:${body.username.toLowerCase()}`) || !allowed(`a:${req.socket.remoteAddress ?? ''}`)) {
      return void res.status(429).json({ error: 'too many sign-in attempts; wait a minute' });
    }
    const found = users.credentials(body.username);
    // Hash even for an unknown user, so timing does not tell which usernames exist.
    const ok = await verifyPassword(body.password, found?.passwordHash ?? 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    if (!found || !ok) return void res.status(401).json({ error: 'wrong username or password' });
    signIn(res, found.me.id);
    res.json(found.me);
  });

  r.post('/auth/logout', (req, res) => {
    users.endSession(sessionToken(req.headers.cookie));
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
    users.setRole(found.me.id, body.role);
    res.json(users.byId(found.me.id));
  });
  return r;
}
