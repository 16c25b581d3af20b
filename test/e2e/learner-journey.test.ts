import assert from 'node:assert/strict';
import net from 'node:net';
import { afterAll, beforeAll, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { eventually, testConfig } from '../support/clusters.ts';
import { spawnServer } from '../support/server.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { EventsPage } from './pages/events-page.ts';
import { ExercisePage } from './pages/exercise-page.ts';
import { CompetencyPage } from './pages/competency-page.ts';
import { InstructorPage } from './pages/instructor-page.ts';
import { LeaderboardPage } from './pages/leaderboard-page.ts';
import { ReplayPage } from './pages/replay-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { FIX_DEFAULT_SA } from '../support/exercise-fixes.ts';

let server: ReturnType<typeof spawnServer>;
let browser: Browser;
let base = '';

beforeAll(async () => {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  base = `http://127.0.0.1:${port}`;
  server = spawnServer({ PORT: String(port), POOL_SIZE: '1', PREWARM_EXERCISES: 'default-sa-cluster-admin', BATTEN_DATA_DIR: testConfig().BATTEN_DATA_DIR, LOG_LEVEL: 'warn' });
  await eventually('the server', async () => (await fetch(`${base}/healthz`)).ok, 30_000);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
});

test('sign up, create an event, join it with a team, fix the RBAC exercise in the browser terminal, watch the leaderboard and the instructor grid move, read the replay and the competency report', async () => {
  const instructorCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const learnerCtx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const instructor = await instructorCtx.newPage();
  const learner = await learnerCtx.newPage();

  await new SignInPage(instructor, base).signUp('ines', 'Ines Instructor', 'instructor-password');
  await screenshot(instructor, '01-catalog');
  const events = new EventsPage(instructor, base);
  const code = await events.create('Friday CTF', ['default-sa-cluster-admin']);
  assert.match(code, /^[A-Z2-9]{8}$/);
  const eventId = await events.firstEventId();
  await screenshot(instructor, '02-events-instructor');

  await new SignInPage(learner, base).signUp('lea', 'Lea Learner', 'learner-password');
  const learnerEvents = new EventsPage(learner, base);
  await learnerEvents.join(code);
  await learnerEvents.createTeam('blue');
  await screenshot(learner, '03-events-learner');

  const board = new LeaderboardPage(instructor, base);
  await board.open(eventId);

  const exercise = new ExercisePage(learner, base);
  await exercise.startFromCatalog('default-sa-cluster-admin', eventId);
  await exercise.waitForShell();
  await exercise.waitObjective('sa-cannot-read-secrets', 'unmet');
  // the attack, replayed: the binding that grants it is named
  const open = await exercise.attack('sa-cannot-read-secrets');
  assert.match(open.now[0] ?? '', /^may system:serviceaccount:[a-z]+:default list secrets in all namespaces\? \(SubjectAccessReview\) → allowed: .*ClusterRoleBinding "default-admin-[a-z0-9]{4}"/);
  assert.deepEqual(open.before, []);
  await screenshot(learner, '04-exercise-before');
  // the instructor follows the room on the live grid (another tab)
  const gridTab = await instructorCtx.newPage();
  const grid = new InstructorPage(gridTab, base);
  await grid.open(eventId);
  await grid.waitCell('default-sa-cluster-admin', 'sa-cannot-read-secrets', 'unmet');
  await exercise.type(FIX_DEFAULT_SA);
  await exercise.waitObjective('sa-cannot-read-secrets', 'met');
  await exercise.waitObjective('sa-cannot-escalate', 'met');
  await eventually('points on the page', async () => (await exercise.score()) === 170, 10_000);
  const fixed = await exercise.attack('sa-cannot-read-secrets');
  assert.equal(fixed.before[0], open.now[0], 'before the fix: the attack as it last worked');
  assert.match(fixed.now[0] ?? '', /list secrets in all namespaces\? \(SubjectAccessReview\) → denied/);
  await screenshot(learner, '05-exercise-after');
  // the grid moved by itself: pushed over the socket, never fetched again
  await grid.waitCell('default-sa-cluster-admin', 'sa-cannot-read-secrets', 'met', 15_000);
  assert.equal(grid.gridRequests, 1);
  assert.equal(await grid.show('running'), '1 of 1 learners');
  assert.equal(await grid.show('stuck'), '0 of 1 learners');
  await grid.show('all');
  await screenshot(gridTab, '07-instructor');

  // the shell survives a page reload: same shell, recent output replayed
  await learner.reload();
  await exercise.waitForShell();
  await learner.locator('[data-testid="terminal"] .xterm-rows').filter({ hasText: /"default-admin-[a-z0-9]{4}" deleted/ }).waitFor({ timeout: 15_000 });
  await exercise.waitObjective('sa-cannot-read-secrets', 'met');
  await learner.setViewportSize({ width: 900, height: 900 });
  await screenshot(learner, '05b-exercise-narrow');

  assert.equal(await board.waitTeamScore('blue', 170), 170);
  await screenshot(instructor, '06-leaderboard');

  // the learner ends the session and reads what they changed
  await learner.getByTestId('end-session').click();
  await learner.getByTestId('replay-link').click();
  const replay = new ReplayPage(learner);
  const changes = await replay.changes();
  assert.ok(changes.some((c) => /deleted\s*ClusterRoleBinding default-admin-[a-z0-9]{4}/.test(c)), `the fix is on the timeline: ${changes.join(' | ')}`);
  assert.ok((await replay.objectives()).some((o) => /met\s*sa-cannot-read-secrets/.test(o)));
  await screenshot(learner, '10-replay');

  // the instructor: the room's competency, and the same replay from the grid
  const report = new CompetencyPage(instructor, base);
  await report.open(eventId);
  assert.deepEqual(await report.exercise('default-sa-cluster-admin'), ['1', '1', '100%']);
  await screenshot(instructor, '11-competency');
  await grid.openReplay('default-sa-cluster-admin');
  assert.ok((await new ReplayPage(gridTab).changes()).some((c) => c.includes('ClusterRoleBinding')));
});
