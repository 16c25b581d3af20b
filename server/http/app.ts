import { existsSync } from 'node:fs';
import express, { type Express, type NextFunction, type Request, type Response, type Router } from 'express';
import type { Registry } from 'prom-client';
import type { PoolStats } from '../clusters/pool.ts';
import type { CatalogEntry } from '../exercises/catalog.ts';
import { statusPage } from './status-page.ts';

export interface AppDeps {
  provider: { name: string; capabilities: readonly string[] };
  pool: () => PoolStats;
  catalog: () => CatalogEntry[];
  registry: Registry;
  /** Middleware and routers mounted under /api, in order (authentication first). */
  api?: (Router | ((req: Request, res: Response, next: NextFunction) => void))[];
  /** The built web app (web/dist), served at / when present. */
  webDist?: string;
  onError?: (err: unknown) => void;
}

const CLIENT_ERRORS: Record<string, string> = { 'entity.parse.failed': 'malformed JSON', 'entity.too.large': 'request too large' };

/** The HTTP routes. */
export function createApp(d: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use((_req, res, next) => {
    res.set({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
    });
    next();
  });
  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(d.registry.contentType).send(await d.registry.metrics());
  });
  app.get('/api/pool', (_req, res) => {
    res.json({ provider: d.provider.name, capabilities: d.provider.capabilities, ...d.pool() });
  });
  app.use('/api', express.json({ limit: '16kb' }), ...(d.api ?? []));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.get('/status', (_req, res) => {
    res.type('html').send(statusPage(d.provider.name, d.pool(), d.catalog()));
  });
  if (d.webDist && existsSync(d.webDist)) app.use(express.static(d.webDist, { index: 'index.html', maxAge: '1h' }));
  else app.get('/', (_req, res) => res.redirect('/status'));
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // A malformed request is the client's error (4xx), never ours: a body that does not parse,
  // is too large, or comes in an unknown charset or a broken or unknown compression, and a
  // path whose %-escapes do not decode. Only the rest is a 500.
  app.use((err: Error & { status?: number; type?: string; expose?: boolean }, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(err);
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) {
      const error = CLIENT_ERRORS[err.type ?? ''] ?? (err instanceof URIError ? 'the path has a malformed %-escape' : err.expose ? err.message : 'malformed request');
      return void res.status(err.status).json({ error });
    }
    d.onError?.(err);
    res.status(500).json({ error: 'internal error' });
  });
  return app;
}
