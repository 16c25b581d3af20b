import express, { type Express } from 'express';
import type { Registry } from 'prom-client';
import type { PoolStats } from '../clusters/pool.ts';
import type { CatalogEntry } from '../exercises/catalog.ts';
import { statusPage } from './status-page.ts';

export interface AppDeps {
  provider: { name: string; capabilities: readonly string[] };
  pool: () => PoolStats;
  catalog: () => CatalogEntry[];
  registry: Registry;
}

/** The HTTP routes. Until the web app lands, / shows the cluster pool. */
export function createApp(d: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    res.set({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
      'content-security-policy': "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
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
  app.get('/api/exercises', (_req, res) => {
    res.json(d.catalog());
  });
  app.get('/', (_req, res) => {
    res.type('html').send(statusPage(d.provider.name, d.pool(), d.catalog()));
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  return app;
}
