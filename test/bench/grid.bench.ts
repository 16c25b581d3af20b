import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../server/db/database.ts';
import type { EventView, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually } from '../support/clusters.ts';
import { FIX_ANONYMOUS_ACCESS } from '../support/exercise-fixes.ts';
import { startTestServer } from '../support/server.ts';
import type { BenchResult } from './cluster.bench.ts';
import { percentile, round } from './stats.ts';

const EXERCISE = 'anonymous-access';
const CROWD = 200;

/**
 * The instructor's live grid: an event of 200 learners (199 with a history written into the
 * SQLite file before the server starts: teams, sessions, objective results, awards, hints) and
 * one learner on a real cluster who fixes and regresses in their terminal. Measured: the
 * learner's socket receiving an objective's new state → the instructor's socket receiving the
 * grid with that state (the same path an award takes), `grid.pushMs`.
 */
export async function gridBench(samples: number): Promise<BenchResult> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'batten-bench-grid-'));
  const server = await startTestServer({ POOL_SIZE: '1', PREWARM_EXERCISES: EXERCISE, BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const metrics: Record<string, number> = {};
  try {
    const admin = new ApiUser(server.base);
    await admin.call('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'admin-password-1' });
    const event = (await admin.call<EventView>('POST', '/api/events', { name: 'bench', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), exercises: [EXERCISE] })).body;
    seedCrowd(path.join(dataDir, 'batten.db'), event.id, CROWD - 1);
    const learner = new ApiUser(server.base);
    await learner.call('POST', '/api/auth/signup', { username: 'learner', displayName: 'Learner', password: 'learner-password-1' });
    await learner.call('POST', '/api/events/join', { code: event.joinCode });
    const session = (await learner.call<SessionView>('POST', `/api/exercises/${EXERCISE}/start`, { eventId: event.id })).body;
    await eventually('ready', async () => (await learner.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 120_000);

    const grid = admin.socket();
    const s = learner.socket();
    await Promise.all([next(grid, 'connect' as never), next(s, 'connect' as never)]);
    const first = next(grid, 'grid:update');
    grid.emit('grid:watch', { eventId: event.id });
    metrics['grid.learners'] = (await first).learners.length;
    s.on('terminal:data', (p) => s.emit('terminal:ack', { sessionId: session.id, chars: p.data.length }));
    s.emit('session:watch', { sessionId: session.id });
    s.emit('terminal:attach', { sessionId: session.id, cols: 160, rows: 30 });
    await next(s, 'terminal:replay');
    s.emit('terminal:input', { sessionId: session.id, data: `${FIX_ANONYMOUS_ACCESS}\n` });

    const push: number[] = [];
    const key = `${EXERCISE}/anonymous-cannot-read-secrets`;
    const me = (g: { learners: { name: string; states: Record<string, string> }[] }) => g.learners.find((l) => l.name === 'Learner')?.states[key];
    for (let i = 0; i < samples * 2; i++) {
      const want = i % 2 === 0 ? 'met' : 'regressed';
      const seen = next(s, 'objective:update', (p) => p.objective.id === 'anonymous-cannot-read-secrets' && p.objective.state === want, 60_000).then(() => performance.now());
      const pushed = next(grid, 'grid:update', (g) => me(g) === want, 60_000).then(() => performance.now());
      // the first fix was typed above; then regress and fix again, each in the terminal
      if (i > 0) {
        const cmd = want === 'regressed' ? `kubectl create clusterrolebinding bench-anon --clusterrole=cluster-admin --user=system:anonymous` : 'kubectl delete clusterrolebinding bench-anon';
        s.emit('terminal:input', { sessionId: session.id, data: `${cmd}\n` });
      }
      const [t0, t1] = await Promise.all([seen, pushed]);
      push.push(Math.max(0, t1 - t0));
    }
    grid.disconnect();
    s.disconnect();
    await learner.call('DELETE', `/api/sessions/${session.id}`);
    metrics['grid.pushMs.p50'] = round(percentile(push, 50));
    metrics['grid.pushMs.p95'] = round(percentile(push, 95));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  return { metrics, notes: [] };
}

/** Members with a history, written into the server's SQLite file (WAL: the running server reads
 * them at once): in teams of 5, each with a session, results on both objectives, awards and a hint. */
function seedCrowd(file: string, eventId: number, n: number): void {
  const db = openDatabase(file);
  try {
    db.transaction(() => {
      const user = db.prepare("INSERT INTO users (username, display_name, password_hash, role) VALUES (?, ?, 'x', 'learner')");
      const member = db.prepare('INSERT INTO event_members (event_id, user_id) VALUES (?, ?)');
      const team = db.prepare('INSERT INTO teams (event_id, name) VALUES (?, ?)');
      const inTeam = db.prepare('INSERT INTO team_members (event_id, team_id, user_id) VALUES (?, ?, ?)');
      const session = db.prepare("INSERT INTO sessions (id, user_id, event_id, exercise, cluster, seed, ended_at) VALUES (?, ?, ?, ?, 'gone', 'seed', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))");
      const result = db.prepare('INSERT INTO objective_results (session_id, objective_id, state, detail) VALUES (?, ?, ?, ?)');
      const award = db.prepare('INSERT INTO awards (user_id, event_id, exercise, objective, points, session_id) VALUES (?, ?, ?, ?, ?, ?)');
      const hint = db.prepare('INSERT INTO hint_reveals (user_id, event_id, exercise, objective, hint_index, cost) VALUES (?, ?, ?, ?, 0, 5)');
      let teamId = 0;
      for (let i = 0; i < n; i++) {
        const id = Number(user.run(`crowd${i}`, `Crowd ${i}`).lastInsertRowid);
        member.run(eventId, id);
        if (i % 5 === 0) teamId = Number(team.run(eventId, `team ${i / 5}`).lastInsertRowid);
        inTeam.run(eventId, teamId, id);
        const sid = `crowd-${i}`;
        session.run(sid, id, eventId, EXERCISE);
        for (const o of ['anonymous-cannot-read-secrets', 'anonymous-cannot-list-pods']) {
          result.run(sid, o, 'unmet', 'setup');
          result.run(sid, o, i % 3 === 0 ? 'regressed' : 'met', 'bench');
          if (i % 3 !== 0) award.run(id, eventId, EXERCISE, o, 50, sid);
        }
        if (i % 4 === 0) hint.run(id, eventId, EXERCISE, 'anonymous-cannot-read-secrets');
      }
    })();
  } finally {
    db.close();
  }
}
