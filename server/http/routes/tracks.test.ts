import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, test } from 'vitest';
import { openDatabase, type Db } from '../../db/database.ts';
import { EventStore } from '../../events/event-store.ts';
import type { Me, TrackView } from '../../protocol/rest.ts';
import { ScoreStore } from '../../scoring/score-store.ts';
import { solvedBy, trackRoutes } from './tracks.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-tracks-route-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const OBJECTIVES: Record<string, string[]> = { x: ['a', 'b'], y: ['c'], z: ['d', 'e'], w: ['f'] };
const ada: Me = { id: 1, username: 'ada', displayName: 'Ada', role: 'learner' };
const bob: Me = { id: 2, username: 'bob', displayName: 'Bob', role: 'instructor' };

describe('solvedBy: progress from the awards in a real SQLite file', () => {
  let db: Db;
  let solved: ReturnType<typeof solvedBy>;
  beforeAll(() => {
    db = openDatabase(path.join(dir, 'batten.db'));
    for (const u of [ada, bob]) db.prepare("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (?, ?, ?, 'x', ?)").run(u.id, u.username, u.displayName, u.role);
    const events = new EventStore(db);
    const now = Date.now();
    const mine = events.create(bob, { name: 'Mine', startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), exercises: ['y', 'z'] });
    const other = events.create(bob, { name: 'Other', startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), exercises: ['w'] });
    events.join(mine.joinCode!, ada);
    const store = new ScoreStore(db);
    const award = (eventId: number, exercise: string, objective: string, userId = ada.id) =>
      store.awardObjective({ userId, eventId, exercise }, { id: objective, points: 10 }, { objectiveIds: OBJECTIVES[exercise]!, completionBonus: 5 });
    award(0, 'x', 'a');
    award(0, 'x', 'b'); // x: every objective, in practice
    award(mine.id, 'y', 'c'); // y: in an event Ada belongs to
    award(0, 'z', 'd');
    award(mine.id, 'z', 'e'); // z: half in practice, half in the event: not one completion
    db.prepare('INSERT INTO awards (user_id, event_id, exercise, objective, points) VALUES (?, ?, ?, ?, ?)').run(ada.id, other.id, 'w', 'f', 10); // w: an event she is no member of
    award(0, 'w', 'f', bob.id); // someone else's
    solved = solvedBy({ store, eventsOf: (u) => events.eventsOf(u), objectiveIds: (n) => OBJECTIVES[n] });
  });
  afterAll(() => db.close());

  test('solved means every objective awarded in one scope: practice or one of my events', () => {
    assert.deepEqual([...solved(ada.id, ['w', 'x', 'y', 'z', 'gone'])].sort(), ['x', 'y']);
    assert.deepEqual([...solved(bob.id, ['w', 'x', 'y', 'z'])], ['w']);
  });
});

describe('GET /api/tracks', () => {
  let base = '';
  const asked: number[] = [];
  const server = createServer(
    express()
      .use('/api', (req, _res, next) => {
        req.user = req.headers['x-user'] === 'ada' ? ada : req.headers['x-user'] === 'bob' ? bob : undefined;
        next();
      })
      .use(
        '/api',
        trackRoutes({
          tracks: () => [
            { ok: true, track: { name: 'first', title: 'First', description: '*D*', exercises: ['y', 'x'] } },
            { ok: true, track: { name: 'second', title: 'Second', description: 'E', exercises: ['x', 'z'] } },
            { ok: false, name: 'bad', errors: [{ file: 'tracks/bad.yaml', line: 1, message: 'the track file is not a mapping' }] },
          ],
          catalog: () => ['x', 'y', 'z'].map((name) => ({ name, title: name.toUpperCase(), tags: [], points: 10, objectives: 1, available: name !== 'z', broken: false })),
          solved: (userId, names) => {
            asked.push(names.length);
            return new Set(userId === ada.id ? ['x'] : []);
          },
        }),
      ),
  );
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());
  const get = async (user?: string) => (await (await fetch(`${base}/api/tracks`, { headers: user ? { 'x-user': user } : {} })).json()) as TrackView[];

  test('the signed-in learner gets each track with their progress, asked once for every exercise', async () => {
    const tracks = await get('ada');
    assert.deepEqual(tracks.map((t) => [t.name, t.solved, t.exercises.map((e) => `${e.name}:${e.solved}`)]), [
      ['first', 1, ['y:false', 'x:true']],
      ['second', 1, ['x:true', 'z:false']],
      ['bad', 0, []],
    ]);
    assert.deepEqual(asked, [3], 'x, y and z once');
    assert.equal(tracks[1]?.exercises[1]?.available, false);
    assert.equal(tracks[2]?.broken, true);
    assert.equal(tracks[2]?.problems, undefined, 'learners do not see a broken track’s problems');
  });

  test('the staff see why a track is broken; signed out, the tracks are public with nothing solved', async () => {
    assert.equal((await get('bob'))[2]?.problems, 'tracks/bad.yaml:1: the track file is not a mapping');
    const anonymous = await get();
    assert.deepEqual(anonymous.map((t) => t.solved), [0, 0, 0]);
    assert.equal(anonymous[0]?.description, '*D*');
  });
});
