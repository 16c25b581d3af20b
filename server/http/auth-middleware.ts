import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import type { UserStore } from '../auth/user-store.ts';
import type { Me, Role } from '../protocol/rest.ts';
import { sessionToken } from './cookies.ts';
import { sameOrigin } from './origin.ts';

declare module 'express-serve-static-core' {
  interface Request {
    user?: Me;
  }
}

/** Reads the session cookie into req.user (absent when signed out). */
export function authenticate(users: UserStore) {
  return (req: Request, _res: Response, next: NextFunction) => {
    req.user = users.userForToken(sessionToken(req.headers.cookie));
    next();
  };
}

/** CSRF: a mutating request must carry our header (a cross-site form cannot set it) and,
 * when the browser says where it comes from, come from this site. */
export function csrf(req: Request, res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
  if (req.headers['x-batten-csrf'] !== '1' || !sameOrigin(req.headers.origin, req.headers.host)) {
    res.status(403).json({ error: 'cross-site request refused' });
    return;
  }
  next();
}

export function requireUser(req: Request, res: Response, next: NextFunction): void {
  if (!req.user) {
    res.status(401).json({ error: 'sign in first' });
    return;
  }
  next();
}

export function requireRole(...roles: Role[]) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.user) return void res.status(401).json({ error: 'sign in first' });
    if (!roles.includes(req.user.role)) return void res.status(403).json({ error: `only ${roles.join(' or ')} may do this` });
    next();
  };
}

/** Validates a body with zod; answers 400 naming the first bad field. */
export function parseBody<T>(schema: z.ZodType<T>, req: Request, res: Response): T | undefined {
  const r = schema.safeParse(req.body);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = issue.path.join('.') || undefined;
  res.status(400).json({ error: `${field ? `${field}: ` : ''}${issue.message}`, field });
  return undefined;
}
