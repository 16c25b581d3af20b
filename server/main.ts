import { createServer } from 'node:http';
import { ClusterPool } from './clusters/pool.ts';
import { createProvider } from './clusters/create-provider.ts';
import { loadConfig } from './config/config.ts';
import { createApp } from './http/app.ts';
import { createLogger } from './log/logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { fatal } from './cli/fatal.ts';
import { catalog } from './exercises/catalog.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from './exercises/catalog-context.ts';
import { formatProblems, loadExercises } from './exercises/loader.ts';

/** The composition root: reads the configuration, wires every part once, and owns
 * shutdown. */
async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg.LOG_LEVEL);
  const provider = createProvider(cfg);
  const gc = await provider.collectGarbage();
  if (gc.removed.length > 0) log.info({ removed: gc.removed }, 'removed clusters a previous server left behind');

  const metrics = createMetrics(() => pool.stats());
  const pool = new ClusterPool({
    provider,
    size: cfg.POOL_SIZE,
    maxConcurrentStarts: cfg.POOL_MAX_CONCURRENT_STARTS,
    idleMs: cfg.CLUSTER_IDLE_MINUTES * 60_000,
    maxLifetimeMs: cfg.CLUSTER_MAX_MINUTES * 60_000,
    onStarted: (c, ms) => {
      metrics.clusterStartSeconds.observe(ms / 1000);
      log.info({ cluster: c.name, ms }, 'cluster started');
    },
    onError: (err) => {
      metrics.clusterStartFailures.inc();
      log.error({ err: String(err) }, 'cluster start failed');
    },
    onReap: (c, why) => {
      metrics.clustersReaped.inc({ reason: why });
      log.info({ cluster: c.name, why }, 'cluster reaped');
    },
  });

  const exercises = await loadExercises(EXERCISES_DIR, LOAD_CONTEXT);
  for (const r of exercises) if (!r.ok) log.warn({ exercise: r.name, problems: formatProblems(r.errors) }, 'exercise is broken');
  const listing = catalog(exercises, provider.capabilities);

  const app = createApp({ provider, pool: () => pool.stats(), catalog: () => listing, registry: metrics.registry });
  const server = createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new Error(`PORT ${cfg.PORT} on ${cfg.HOST} is already in use by another process; stop it or set PORT to a free port`));
      else reject(err);
    });
    server.listen(cfg.PORT, cfg.HOST);
  });
  const url = `http://${cfg.HOST === '0.0.0.0' ? '127.0.0.1' : cfg.HOST}:${cfg.PORT}/`;
  log.info({ url, provider: provider.name, poolSize: cfg.POOL_SIZE }, 'batten is running');
  process.stdout.write(`\n  Batten is running: open ${url}\n  (Ctrl-C stops it and removes every cluster it started)\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    server.close();
    server.closeAllConnections();
    await pool.dispose();
    log.info('every cluster is stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch(fatal);
