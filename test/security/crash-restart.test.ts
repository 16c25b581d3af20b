import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import Database from 'better-sqlite3';
import { cgroupsOwnedBy } from '../../server/host/cgroup.ts';
import { mountsUnder } from '../../server/host/tmpfs.ts';
import type { SessionView } from '../../server/protocol/rest.ts';
import { ApiUser, next } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { startTestServer } from '../support/server.ts';
import { SocketTerminal } from '../support/socket-terminal.ts';
import { FIX_ANONYMOUS_ACCESS } from '../support/exercise-fixes.ts';

const awardRows = (dataDir: string) => {
  const db = new Database(path.join(dataDir, 'batten.db'), { readonly: true });
  try {
    return db.prepare('SELECT user_id, event_id, exercise, objective, points FROM awards ORDER BY objective').all() as { objective: string; points: number }[];
  } finally {
    db.close();
  }
};

describe('kill -9 of the server in the middle of awards and terminal sessions', () => {
  const dataDir = testConfig().BATTEN_DATA_DIR;
  const env = { POOL_SIZE: '1', PREWARM_EXERCISES: 'anonymous-access', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  let second: Awaited<ReturnType<typeof startTestServer>> | undefined;
  afterAll(async () => {
    await second?.stop();
  });

  const startSession = async (user: ApiUser) => {
    const session = (await user.call<SessionView>('POST', '/api/exercises/anonymous-access/start', {})).body;
    await eventually('the session to be ready', async () => (await user.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 120_000);
    const term = await SocketTerminal.open(user, session.id);
    await eventually('the shell prompt', async () => (await term.run('true', 5000)).code === 0, 20_000);
    term.socket.emit('session:watch', { sessionId: session.id });
    return { session, term };
  };

  test('no award is lost or doubled, and start-up garbage collection leaves no process, mount, cgroup or terminal directory', async () => {
    const first = await startTestServer(env);
    const pid = first.server.child.pid!;
    const learner = new ApiUser(first.base);
    await learner.call('POST', '/api/auth/signup', { username: 'crashy', displayName: 'Crashy', password: 'crashy-password-1' });
    const { term } = await startSession(learner);

    // The fix meets both objectives at once: kill the server as soon as the first award
    // reaches the learner, while the others are being written.
    const firstAward = next(term.socket, 'award', () => true, 60_000);
    await term.run(FIX_ANONYMOUS_ACCESS);
    const seen = await firstAward;
    first.server.child.kill('SIGKILL');
    await first.server.exited;

    const before = await cgroupsOwnedBy(pid);
    assert.ok(before.dirs.length > 0, 'the dead server left cgroups behind (the test would prove nothing otherwise)');
    assert.ok((await mountsUnder(path.join(dataDir, 'clusters'))).length > 0, 'and mounts');
    assert.ok(readdirSync(path.join(dataDir, 'terminals')).length > 0, 'and a terminal directory');
    const awardedBefore = awardRows(dataDir);
    assert.ok(awardedBefore.some((a) => a.objective === seen.objective), `the award the learner saw (${seen.objective}) is stored`);

    second = await startTestServer(env);
    assert.deepEqual((await cgroupsOwnedBy(pid)).dirs, [], 'no cgroup of the dead server is left');
    for (const p of before.pids) assert.equal(existsSync(`/proc/${p}`), false, `process ${p} of the dead server is gone`);
    const clusterDirs = readdirSync(path.join(dataDir, 'clusters'));
    for (const m of await mountsUnder(path.join(dataDir, 'clusters'))) {
      assert.ok(clusterDirs.some((c) => m.includes(`/clusters/${c}/`)), `mount ${m} belongs to a live cluster`);
    }
    assert.equal(clusterDirs.length <= 1, true, `only the new server's warm cluster: ${clusterDirs.join(', ')}`);
    assert.deepEqual(existsSync(path.join(dataDir, 'terminals')) ? readdirSync(path.join(dataDir, 'terminals')) : [], []);

    // Signed in again, the learner fixes the exercise once more: nothing is awarded twice.
    const again = new ApiUser(second.base);
    assert.equal((await again.call('POST', '/api/auth/login', { username: 'crashy', password: 'crashy-password-1' })).status, 200);
    const retry = await startSession(again);
    await retry.term.run(FIX_ANONYMOUS_ACCESS);
    await eventually('every objective to be met again', async () => (await again.call<SessionView>('GET', `/api/sessions/${retry.session.id}`)).body.objectives.every((o) => o.state === 'met'), 60_000);
    await eventually('every objective to be awarded', async () => (await again.call<SessionView>('GET', `/api/sessions/${retry.session.id}`)).body.objectives.every((o) => o.awarded), 30_000);
    retry.term.close();
    const after = awardRows(dataDir);
    const keys = after.map((a) => a.objective);
    assert.deepEqual(keys, [...new Set(keys)], 'one row per objective');
    for (const a of awardedBefore) assert.ok(keys.includes(a.objective), `${a.objective} kept`);
    const score = (await again.call<SessionView>('GET', `/api/sessions/${retry.session.id}`)).body.score;
    assert.equal(score, after.reduce((s, a) => s + a.points, 0));
    assert.equal(score, 150 + (after.find((a) => a.objective === '*')?.points ?? 0));
  });
});
