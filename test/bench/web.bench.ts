import type { EventView, SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import { launchBrowser } from '../e2e/browser.ts';
import { EventsPage } from '../e2e/pages/events-page.ts';
import { ExercisePage } from '../e2e/pages/exercise-page.ts';
import { SignInPage } from '../e2e/pages/sign-in-page.ts';
import type { BenchResult } from './cluster.bench.ts';
import { percentile, round } from './stats.ts';


/** Keystroke → echo over socket.io through the sandboxed pty; leaderboard fan-out to 500
 * sockets; click Start → first prompt in a real browser with a warm pool. */
export async function webBench(samples: number): Promise<BenchResult> {
  const server = await startTestServer({ POOL_SIZE: '1', PREWARM_EXERCISES: 'anonymous-access', POOL_MAX_CONCURRENT_STARTS: '2', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'silent' });
  const base = server.base;
  const metrics: Record<string, number> = {};
  try {
    const admin = new ApiUser(base);
    await admin.call('POST', '/api/auth/signup', { username: 'admin', displayName: 'Admin', password: 'admin-password-1' });
    const event = (await admin.call<EventView>('POST', '/api/events', { name: 'bench', startsAt: new Date(Date.now() - 60_000).toISOString(), endsAt: new Date(Date.now() + 3_600_000).toISOString(), exercises: ['anonymous-access'] })).body;
    const learner = new ApiUser(base);
    await learner.call('POST', '/api/auth/signup', { username: 'learner', displayName: 'Learner', password: 'learner-password-1' });
    await learner.call('POST', '/api/events/join', { code: event.joinCode });

    // keystroke → echo
    const session = (await learner.call<SessionView>('POST', '/api/exercises/anonymous-access/start', { eventId: event.id })).body;
    await eventually('ready', async () => (await learner.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 120_000);
    const s = learner.socket();
    await next(s, 'connect' as never);
    s.on('terminal:data', (p) => s.emit('terminal:ack', { sessionId: session.id, chars: p.data.length }));
    s.emit('terminal:attach', { sessionId: session.id, cols: 120, rows: 30 });
    await next(s, 'terminal:replay');
    await new Promise((r) => setTimeout(r, 1500)); // the prompt
    const rtt: number[] = [];
    for (let i = 0; i < 100; i++) {
      const ch = String.fromCharCode(97 + (i % 26));
      const got = next(s, 'terminal:data', (p) => p.data.includes(ch));
      const t0 = performance.now();
      s.emit('terminal:input', { sessionId: session.id, data: ch });
      await got;
      rtt.push(performance.now() - t0);
    }
    s.emit('terminal:input', { sessionId: session.id, data: '\u0015' }); // clear the line
    s.disconnect();
    metrics['terminal.echoRttMs.p50'] = round(percentile(rtt, 50), 2);
    metrics['terminal.echoRttMs.p95'] = round(percentile(rtt, 95), 2);
    await learner.call('DELETE', `/api/sessions/${session.id}`);

    // leaderboard fan-out to 500 sockets
    const sockets = Array.from({ length: 500 }, () => admin.socket());
    await Promise.all(sockets.map((x) => next(x, 'connect' as never, () => true, 60_000)));
    await Promise.all(sockets.map((x) => {
      const first = next(x, 'leaderboard:update');
      x.emit('leaderboard:watch', { eventId: event.id });
      return first;
    }));
    const fanout: number[] = [];
    for (let i = 0; i < samples; i++) {
      const all = Promise.all(sockets.map((x) => next(x, 'leaderboard:update', (lb) => lb.teams.some((t) => t.name === `team-${i}`)).then(() => performance.now())));
      const t0 = performance.now();
      await learner.call('POST', `/api/events/${event.id}/teams`, { name: `team-${i}` });
      fanout.push(Math.max(...(await all)) - t0);
    }
    for (const x of sockets) x.disconnect();
    metrics['leaderboard.fanoutMs.p50'] = round(percentile(fanout, 50));
    metrics['leaderboard.fanoutMs.p95'] = round(percentile(fanout, 95));
    metrics['leaderboard.sockets'] = sockets.length;

    // click Start → first prompt, in the browser, with a warm pool
    const ready = await readyShellSamples(base, event, 'anonymous-access', samples);
    metrics['web.readyShellMs.p50'] = round(percentile(ready, 50));
    metrics['web.readyShellMs.p95'] = round(percentile(ready, 95));
  } finally {
    await server.stop();
  }
  return { metrics, notes: [] };
}

/** Click Start → the first prompt in the terminal, in a real browser, each time with a
 * warm cluster in the server's pools (a server started with POOL_SIZE ≥ 1): in an event, or
 * in practice when `event` is undefined. */
export async function readyShellSamples(base: string, event: EventView | undefined, exerciseName: string, samples: number): Promise<number[]> {
  const browser = await launchBrowser();
  try {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await new SignInPage(page, base).signUp('browser', 'Browser', 'browser-password-1');
    if (event) await new EventsPage(page, base).join(event.joinCode!);
    const ready: number[] = [];
    const exercise = new ExercisePage(page, base);
    for (let i = 0; i < samples; i++) {
      await eventually('a warm cluster', async () => ((await (await fetch(`${base}/api/pool`)).json()) as { warm: number }).warm >= 1, 300_000);
      await page.goto(`${base}/#/`);
      const select = page.getByTestId('exercise-event-select');
      if (event && (await select.count())) await select.first().selectOption(String(event.id));
      const start = page.getByTestId(`exercise-start-${exerciseName}`);
      await start.waitFor();
      const t0 = performance.now();
      await start.click();
      await exercise.waitForShell();
      ready.push(performance.now() - t0);
      await page.getByTestId('end-session').click();
    }
    return ready;
  } finally {
    await browser.close();
  }
}
