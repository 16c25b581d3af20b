import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, test } from 'vitest';
import { parse } from 'yaml';
import { openDatabase } from '../../server/db/database.ts';
import { TRACKS_DIR } from '../../server/exercises/tracks.ts';
import type { CatalogEntry, ExerciseView } from '../../server/protocol/rest.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { ApiUser } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { freePort, spawnServer } from '../support/server.ts';
import { launchBrowser, screenshot } from './browser.ts';
import { CatalogPage } from './pages/catalog-page.ts';
import { SignInPage } from './pages/sign-in-page.ts';
import { TrackPage } from './pages/track-page.ts';

const dataDir = testConfig().BATTEN_DATA_DIR;
let server: ReturnType<typeof spawnServer>;
let browser: Browser;
let base = '';

beforeAll(async () => {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  // no cluster: filtering the catalog and reading tracks need none
  server = spawnServer({ PORT: String(port), POOL_SIZE: '0', PREWARM_EXERCISES: '', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  await eventually('the server', async () => (await fetch(`${base}/healthz`)).ok, 180_000).catch((e: Error) => {
    throw new Error(`${e.message}\n${server.out.stderr}`);
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  server?.child.kill('SIGTERM');
  await server?.exited;
});

/** Awards every objective of an exercise to a user in practice, in the server's own database. */
async function solve(username: string, exercise: string, api: ApiUser): Promise<void> {
  const ids = (await api.call<ExerciseView>('GET', `/api/exercises/${exercise}`)).body.objectives.map((o) => o.id);
  const db = openDatabase(path.join(dataDir, 'batten.db'));
  try {
    const { id } = db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number };
    const store = new ScoreStore(db);
    for (const o of ids) store.awardObjective({ userId: id, eventId: 0, exercise }, { id: o, points: 10 }, { objectiveIds: ids, completionBonus: 0 });
  } finally {
    db.close();
  }
}

test('a learner narrows the catalog by OWASP category, CKS domain, level and time, then follows a track with their progress', async () => {
  const admin = new ApiUser(base);
  await admin.call('POST', '/api/auth/signup', { username: 'root', displayName: 'Root', password: 'root-password-1' });
  const all = (await admin.call<CatalogEntry[]>('GET', '/api/exercises')).body;

  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  await new SignInPage(page, base).signUp('lea', 'Lea Learner', 'learner-password');
  await solve('lea', 'default-sa-cluster-admin', admin);

  const catalog = new CatalogPage(page, base);
  await catalog.open(); // afresh: the award was written behind the page's back, after signing up showed the catalog
  assert.equal((await catalog.cards()).length, all.length);
  assert.equal(await catalog.count(), `${all.length} of ${all.length}`);

  await catalog.filter('OWASP K8s Top 10', 'K02');
  const k02 = await catalog.cards();
  assert.deepEqual(k02, all.filter((e) => e.tags.includes('K02')).map((e) => e.name));
  assert.ok(k02.length > 2 && k02.length < all.length);
  for (const name of k02) assert.ok((await catalog.tags(name)).includes('K02'), `${name} shows K02`);

  await catalog.filter('CKS domain', 'cks-cluster-hardening');
  await catalog.filter('Level', 'beginner');
  await catalog.filter('Time', '15');
  const expected = all.filter((e) => e.tags.includes('K02') && e.tags.includes('cks-cluster-hardening') && e.difficulty === 'beginner' && (e.minutes ?? 99) <= 15).map((e) => e.name);
  assert.ok(expected.includes('default-sa-cluster-admin'));
  assert.deepEqual(await catalog.cards(), expected);
  assert.equal(await catalog.count(), `${expected.length} of ${all.length}`);
  for (const name of expected) assert.ok((await catalog.tags(name)).includes('cks-cluster-hardening'));
  assert.equal(await catalog.trackProgress('platform-team-day-one'), '1 of 9 solved');
  await screenshot(page, '08-catalog-filters');

  await catalog.openTrack('platform-team-day-one');
  const track = new TrackPage(page);
  const file = parse(readFileSync(path.join(TRACKS_DIR, 'platform-team-day-one.yaml'), 'utf8')) as { title: string; exercises: string[] };
  assert.equal(await track.title(), file.title);
  assert.deepEqual(await track.steps(), file.exercises, 'the steps in the track file’s order');
  assert.equal(await track.progress(), '1 of 9 solved');
  assert.equal(await track.state('default-sa-cluster-admin'), '✓ Solved');
  assert.equal(await track.state('anonymous-access'), 'Not solved yet');
  assert.equal(await track.startHref('anonymous-access'), '#/exercise/anonymous-access');
  assert.match(page.url(), /#\/tracks\/platform-team-day-one$/);
  await screenshot(page, '09-track');
  await ctx.close();
});
