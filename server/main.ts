import { mkdirSync } from 'node:fs';
import { readdir, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { UserStore } from './auth/user-store.ts';
import { fatal } from './cli/fatal.ts';
import { createProvider } from './clusters/create-provider.ts';
import { limitStarts } from './clusters/limited-provider.ts';
import type { PoolStats } from './clusters/pool.ts';
import { loadConfig } from './config/config.ts';
import { openDatabase } from './db/database.ts';
import { EventStore } from './events/event-store.ts';
import { catalog } from './exercises/catalog.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from './exercises/catalog-context.ts';
import { ExercisePools } from './exercises/exercise-pools.ts';
import { preparedExercises } from './exercises/prewarm-plan.ts';
import { readExerciseTests } from './exercises/exercise-test-results.ts';
import { formatProblems, loadExercises, type LoadedExercise } from './exercises/loader.ts';
import { loadTracks, TRACKS_DIR } from './exercises/tracks.ts';
import { createApp } from './http/app.ts';
import { authenticate, csrf } from './http/auth-middleware.ts';
import { authRoutes } from './http/routes/auth.ts';
import { eventRoutes } from './http/routes/events.ts';
import { replayRoutes } from './http/routes/replay.ts';
import { platformRoutes } from './http/routes/platform.ts';
import { exerciseRoutes } from './http/routes/exercises.ts';
import { solvedBy, trackRoutes } from './http/routes/tracks.ts';
import { reportRoutes } from './http/routes/reports.ts';
import { createSocketServer, rooms } from './http/socket-server.ts';
import { GridPusher } from './events/grid-pusher.ts';
import { instructorGrid } from './events/instructor-grid.ts';
import { createLogger } from './log/logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { ReportStore } from './reports/report-store.ts';
import { ReplayStore } from './replay/replay-store.ts';
import { referenceSolution } from './replay/reference-solution.ts';
import { instantiate } from './exercises/instance.ts';
import { ScoreStore } from './scoring/score-store.ts';
import { completionEarned } from './scoring/rules.ts';
import { SessionManager } from './sessions/session-manager.ts';
import { REPO_ROOT } from './setup/controlplane-build.ts';

/** The composition root: reads the configuration, wires every part once, and owns
 * shutdown. */
async function main(): Promise<void> {
  const cfg = loadConfig();
  const log = createLogger(cfg.LOG_LEVEL);
  const onError = (err: unknown) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'error');
  const baseProvider = createProvider(cfg);
  // Last net only: every handler catches its own errors. An error that still escapes is
  // logged and the server keeps serving the other learners.
  process.on('uncaughtException', (err) => log.error({ err: err.message, stack: err.stack }, 'uncaught exception (kept serving)'));
  process.on('unhandledRejection', (err) => log.error({ err: err instanceof Error ? err.message : String(err) }, 'unhandled rejection (kept serving)'));
  const gc = await baseProvider.collectGarbage();
  if (gc.removed.length > 0) log.info({ removed: gc.removed }, 'removed clusters a previous server left behind');
  // Terminal directories hold a learner's client key; none survives a restart.
  const terminalsDir = path.join(cfg.BATTEN_DATA_DIR, 'terminals');
  const staleTerminals = await readdir(terminalsDir).catch(() => [] as string[]);
  await rm(terminalsDir, { recursive: true, force: true });
  if (staleTerminals.length > 0) log.info({ removed: staleTerminals.length }, 'removed terminal directories a previous server left behind');
  const provider = limitStarts(baseProvider, cfg.POOL_MAX_CONCURRENT_STARTS);

  mkdirSync(cfg.BATTEN_DATA_DIR, { recursive: true, mode: 0o700 });
  const db = openDatabase(path.join(cfg.BATTEN_DATA_DIR, 'batten.db'));
  const users = new UserStore(db);
  const events = new EventStore(db);
  const store = new ScoreStore(db);
  const replay = new ReplayStore(db);

  const results = await loadExercises(EXERCISES_DIR, LOAD_CONTEXT);
  for (const r of results) if (!r.ok) log.warn({ exercise: r.name, problems: formatProblems(r.errors) }, 'exercise is broken');
  const listing = catalog(results, provider.capabilities);
  const exercises = new Map(results.filter((r): r is LoadedExercise => r.ok).map((r) => [r.name, r]));
  const available = [...exercises.values()].filter((e) => listing.find((c) => c.name === e.name)?.available);
  const tracks = await loadTracks(TRACKS_DIR, new Set(results.map((r) => r.name)));
  for (const t of tracks) if (!t.ok) log.warn({ track: t.name, problems: formatProblems(t.errors) }, 'track is broken');

  const pools = new ExercisePools(provider, {
    maxConcurrentStarts: cfg.POOL_MAX_CONCURRENT_STARTS,
    idleMs: cfg.CLUSTER_IDLE_MINUTES * 60_000,
    maxLifetimeMs: cfg.CLUSTER_MAX_MINUTES * 60_000,
    onStarted: (c, ms) => {
      metrics.clusterStartSeconds.observe(ms / 1000);
      log.info({ cluster: c.name, ms }, 'cluster prepared');
    },
    onError: (err) => {
      metrics.clusterStartFailures.inc();
      onError(err);
    },
    onReap: (c, why) => {
      metrics.clustersReaped.inc({ reason: why });
      log.info({ cluster: c.name, why }, 'cluster reaped');
      sessions.clusterReaped(c);
    },
  });
  const poolTotals = (): PoolStats => Object.values(pools.stats()).reduce((a, s) => ({ warm: a.warm + s.warm, starting: a.starting + s.starting, leased: a.leased + s.leased }), { warm: 0, starting: 0, leased: 0 });
  const metrics = createMetrics(poolTotals);
  const pinned = cfg.PREWARM_EXERCISES?.split(',').map((s) => s.trim()).filter(Boolean) ?? [];
  // plain clusters wait for any exercise (a library of many does not boot one per exercise);
  // clusters with the setup applied are kept for the exercises the administrator names and
  // for those of events running or about to start, re-planned every minute
  if (pinned.length === 0) pools.prewarmGeneric(cfg.POOL_SIZE);
  const planPools = () => {
    const wanted = preparedExercises(events.schedules(), Date.now(), pinned);
    // an event is the instructor asking for readiness: at least one each, even with POOL_SIZE=0
    pools.prepareOnly(available.filter((e) => wanted.has(e.name)), Math.max(1, cfg.POOL_SIZE));
  };
  planPools();
  const planner = setInterval(planPools, 60_000);
  planner.unref();

  // The socket server needs the session manager and the manager emits through the socket server.
  let io: ReturnType<typeof createSocketServer>;
  // learners see the scoreboard frozen near the end; the event's staff see it live
  // (a frozen board is pushed only when it changes: a push on every award would tell the
  // learners when someone scored)
  const sentToLearners = new Map<number, string>();
  const pushLeaderboard = (eventId: number) => {
    const forLearners = events.leaderboard(eventId, 'learners');
    const text = JSON.stringify(forLearners);
    if (forLearners && sentToLearners.get(eventId) !== text) {
      sentToLearners.set(eventId, text);
      io.to(rooms.leaderboard(eventId)).emit('leaderboard:update', forLearners);
    }
    const live = events.leaderboard(eventId, 'staff');
    if (live) io.to(rooms.staffLeaderboard(eventId)).emit('leaderboard:update', live);
  };
  const gridOf = (eventId: number) => instructorGrid({ events, exercise: (n) => exercises.get(n), exerciseTests, running: (id) => sessions.running(id) }, eventId);
  const grids = new GridPusher({
    watched: (eventId) => (io.sockets.adapter.rooms.get(rooms.grid(eventId))?.size ?? 0) > 0,
    build: gridOf,
    emit: (eventId, grid) => io.to(rooms.grid(eventId)).emit('grid:update', { eventId, ...grid }),
    onError,
  });
  const exerciseTests = () => readExerciseTests(cfg.BATTEN_DATA_DIR, [...exercises.keys()]);
  const sessions = new SessionManager({
    replay,
    exercise: (n) => exercises.get(n),
    pools,
    store,
    events,
    maxPreparing: cfg.MAX_PREPARING_SESSIONS,
    terminal: { dir: terminalsDir, limits: { pids: cfg.TERMINAL_PIDS, memoryBytes: cfg.TERMINAL_MEMORY_MB * 2 ** 20, openFiles: 4096, fileBytes: cfg.TERMINAL_FILE_MB * 2 ** 20 }, idleMs: cfg.TERMINAL_IDLE_MINUTES * 60_000 },
    onUpdate: (userId, view) => io.to(`user:${userId}`).emit('session:update', view),
    onObjective: (_userId, sessionId, objective) => io.to(`session:${sessionId}`).emit('objective:update', { sessionId, objective }),
    onAward: (userId, sessionId, a) => {
      io.to(`session:${sessionId}`).emit('award', { sessionId, objective: a.objective, points: a.points, bonus: a.bonus, score: a.score });
      if (a.eventId) {
        pushLeaderboard(a.eventId);
        grids.changed(a.eventId);
      }
      log.info({ userId, objective: a.objective, points: a.points }, 'points awarded');
    },
    onError,
    onActivity: (eventId) => grids.changed(eventId),
    completionGraceMs: cfg.COMPLETION_GRACE_SECONDS * 1000,
  });

  // A learner's time in an event is up (its end plus their extra minutes): their session ends
  // and its cluster is destroyed. At an event's end the final standings go to everyone.
  let endsCheckedAt = new Date().toISOString();
  const endEvents = () => {
    const now = new Date();
    sessions.endExpired(now).then((n) => n > 0 && log.info({ sessions: n }, 'event time is up: sessions ended and their clusters destroyed'), onError);
    for (const id of events.endedBetween(endsCheckedAt, now.toISOString())) pushLeaderboard(id);
    endsCheckedAt = now.toISOString();
  };
  const ender = setInterval(endEvents, 10_000);
  ender.unref();

  const app = createApp({
    provider,
    pool: poolTotals,
    catalog: () => listing,
    registry: metrics.registry,
    webDist: path.join(REPO_ROOT, 'web', 'dist'),
    onError,
    api: [
      authenticate(users),
      csrf,
      authRoutes(users, { secureCookies: cfg.SECURE_COOKIES === 'true', signup: cfg.SIGNUP, events, onSignOut: (id) => io.in(rooms.user(id)).disconnectSockets(true), onBoardChanged: (id) => pushLeaderboard(id) }),
      platformRoutes({ provider: provider.name, capabilities: [...provider.capabilities], trustedLearnersOnly: provider.name === 'kind', signup: cfg.SIGNUP }),
      exerciseRoutes({ catalog: () => listing, exercise: (n) => exercises.get(n), sessions }),
      trackRoutes({ tracks: () => tracks, catalog: () => listing, solved: solvedBy({ store, eventsOf: (u) => events.eventsOf(u), objectiveIds: (n) => exercises.get(n)?.exercise.objectives.map((o) => o.id) }) }),
      reportRoutes({ events, reports: new ReportStore(db), exercise: (n) => { const e = exercises.get(n); return e && { tags: e.exercise.metadata.tags, objectiveIds: e.exercise.objectives.map((o) => o.id) }; } }),
      replayRoutes({
        replay,
        canManage: (eventId, me) => events.canManage(eventId, me),
        solution: async (name, seed) => {
          const ex = exercises.get(name);
          return ex && referenceSolution(seed ? instantiate(ex, seed) : ex);
        },
        completed: (userId, eventId, name) => completionEarned(exercises.get(name)?.exercise.objectives.map((o) => o.id) ?? [], store.awardedObjectives({ userId, eventId, exercise: name })),
        // over for this learner: past the end and their extra minutes, and no other event of
        // theirs with the exercise still open (where the answer would score)
        eventOver: (eventId, userId, exercise) => {
          if (eventId === 0 || !events.policy(eventId) || events.openFor(eventId, userId)) return false;
          return !events.eventsOf(userId).some((id) => events.openFor(id, userId) && (events.exercisesOf(id) ?? []).includes(exercise));
        },
      }),
      eventRoutes({
        events,
        catalog: () => listing,
        exercise: (n) => exercises.get(n),
        exerciseTests,
        running: (id) => sessions.running(id),
        sessions,
        onTeamsChanged: (id) => {
          pushLeaderboard(id);
          grids.changed(id);
        },
        onActivity: (id) => grids.changed(id),
        onAnnouncement: (a) => {
          const to = [rooms.staffLeaderboard(a.eventId), ...events.memberIds(a.eventId).map(rooms.user)];
          io.to(to).emit('announcement', a);
        },
        onScheduleChanged: planPools,
      }),
    ],
  });
  const server = createServer(app);
  io = createSocketServer(server, { users, events, sessions, grid: gridOf, onError });
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
  process.stdout.write(`\n  Batten is running: open ${url}\n  (the first account you create is the admin; Ctrl-C stops Batten and removes every cluster it started)\n\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    clearInterval(planner);
    clearInterval(ender);
    grids.dispose();
    await io.close().catch(() => undefined);
    server.closeAllConnections();
    await sessions.dispose();
    await pools.dispose();
    db.close();
    log.info('every cluster is stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const parent = cfg.BATTEN_PARENT_PID;
  if (parent !== undefined) {
    setInterval(() => {
      try {
        process.kill(parent, 0);
      } catch {
        void shutdown('parent gone');
      }
    }, 1000).unref();
  }
}

main().catch(fatal);
