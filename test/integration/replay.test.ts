import assert from 'node:assert/strict';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { ReplayEntry, ReplayItem, ReplayView, SessionView } from '../../server/protocol/rest.ts';
import { isLearnerManager } from '../../server/replay/learner-change.ts';
import { ApiUser } from '../support/api-client.ts';
import { eventually, testConfig } from '../support/clusters.ts';
import { FIX_ANONYMOUS_ACCESS } from '../support/exercise-fixes.ts';
import { startTestServer } from '../support/server.ts';
import { SocketTerminal } from '../support/socket-terminal.ts';

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';
const PASSWORD = 'hunter2-never-shown';

/**
 * The replay on a real server, cluster and SQLite file: a learner types a few changes and
 * the fix in their real terminal over the socket; the timeline then holds each change with
 * its field manager and diff (Secret values redacted), the objective met after the fix,
 * and the manifest edit as a text diff. Setup's objects and the control plane's own writes
 * are not in it. Who may read it: the admin at once, the learner once the session ended,
 * another learner never.
 */
describe('the replay of a session', () => {
  const dataDir = testConfig().BATTEN_DATA_DIR;
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let admin: ApiUser;
  let ann: ApiUser;
  let bob: ApiUser;
  let session: SessionView;
  let term: SocketTerminal;

  const sh = async (command: string, timeoutMs?: number) => {
    const r = await term.run(command, timeoutMs);
    assert.equal(r.code, 0, `${command}: ${r.output}`);
    return r.output;
  };
  const replayAs = (u: ApiUser, query = '') => u.call<ReplayView>('GET', `/api/sessions/${session.id}/replay${query}`);
  const changes = (v: ReplayView) => v.items.filter((i): i is Extract<ReplayItem, { type: 'change' }> => i.type === 'change');

  beforeAll(async () => {
    server = await startTestServer({ POOL_SIZE: '1', PREWARM_EXERCISES: 'anonymous-access', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    admin = new ApiUser(server.base);
    ann = new ApiUser(server.base);
    bob = new ApiUser(server.base);
    // the first account is the admin
    assert.equal((await admin.call('POST', '/api/auth/signup', { username: 'root', displayName: 'Root', password: 'root-password-12' })).status, 201);
    assert.equal((await ann.call('POST', '/api/auth/signup', { username: 'ann', displayName: 'Ann', password: 'ann-password-123' })).status, 201);
    assert.equal((await bob.call('POST', '/api/auth/signup', { username: 'bob', displayName: 'Bob', password: 'bob-password-123' })).status, 201);
    session = (await ann.call<SessionView>('POST', '/api/exercises/anonymous-access/start', {})).body;
    await eventually('the session to be ready', async () => (await ann.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.status === 'ready', 120_000);
    term = await SocketTerminal.open(ann, session.id);
    await eventually('the shell prompt', async () => (await term.run('true', 5000)).code === 0, 20_000);
  }, 180_000);
  afterAll(async () => {
    term?.close();
    await server?.stop();
  });

  test('records what the learner typed, with who, the diff and the objective it met; not before it ended for the learner, never for another', async () => {
    // let the recorder take its baseline (every kind listed once: well under a second) first
    await new Promise((r) => setTimeout(r, 3000));
    await sh('kubectl create configmap replay-probe --from-literal=mode=debug');
    await sh(`kubectl patch configmap replay-probe -p '{"data":{"mode":"safe"}}'`);
    await sh(`kubectl create secret generic replay-creds --from-literal=password=${PASSWORD}`);
    await sh(FIX_ANONYMOUS_ACCESS);
    await eventually('the objective to be met', async () => (await ann.call<SessionView>('GET', `/api/sessions/${session.id}`)).body.objectives.find((o) => o.id === 'anonymous-cannot-read-secrets')?.state === 'met', 60_000);
    // an edit of the API server's manifest (a comment: the API server restarts, nothing else changes)
    await sh(`echo '# replay-check' >> ${MANIFEST}`);

    // the staff see it while it runs; the learner does not yet, another learner never
    let v!: ReplayView;
    await eventually('the manifest edit in the replay', async () => {
      const r = await replayAs(admin);
      assert.equal(r.status, 200, r.text);
      v = r.body;
      return changes(v).some((c) => c.kind === 'File');
    }, 30_000);
    // the restart ended every watch: once they are open again (listed again: nothing new), a
    // later change is recorded too
    await eventually('the API server to answer again', async () => (await term.run('kubectl get --raw /readyz', 15_000)).code === 0, 60_000);
    await new Promise((r) => setTimeout(r, 4000));
    await sh('kubectl label configmap replay-probe tier=gold');
    await eventually('the label in the replay', async () => {
      v = (await replayAs(admin)).body;
      return changes(v).some((c) => c.manager === 'kubectl-label');
    }, 20_000);
    const own = await replayAs(ann);
    assert.equal(own.status, 403);
    assert.match((own.body as unknown as { error: string }).error, /ended/);
    assert.deepEqual((await replayAs(bob)).body, { error: 'no such session' });
    assert.equal((await replayAs(bob)).status, 404);

    const find = (p: (c: ReplayEntry) => boolean, what: string) => {
      const c = changes(v).find(p);
      assert.ok(c, `${what} in the replay: ${JSON.stringify(changes(v).map((x) => [x.verb, x.kind, x.name, x.manager]))}`);
      return c;
    };
    const created = find((c) => c.verb === 'create' && c.kind === 'ConfigMap' && c.name === 'replay-probe', 'the ConfigMap created');
    assert.equal(created.manager, 'kubectl-create');
    assert.equal(created.namespace, 'default');
    const patched = find((c) => c.verb === 'update' && c.kind === 'ConfigMap' && c.name === 'replay-probe', 'the ConfigMap patched');
    assert.equal(patched.manager, 'kubectl-patch');
    assert.deepEqual(patched.diff, [{ path: 'data.mode', before: '"debug"', after: '"safe"' }]);
    const secret = find((c) => c.kind === 'Secret' && c.name === 'replay-creds', 'the Secret created');
    assert.deepEqual(secret.diff.find((d) => d.path === 'data.password'), { path: 'data.password', after: '(redacted)' });
    assert.ok(!JSON.stringify(v).includes(PASSWORD) && !JSON.stringify(v).includes(Buffer.from(PASSWORD).toString('base64')), 'no Secret value anywhere');
    const fix = find((c) => c.verb === 'delete' && c.kind === 'ClusterRoleBinding' && c.name.startsWith('public-read-'), 'the binding deleted');
    const file = find((c) => c.kind === 'File', 'the manifest edit');
    assert.equal(file.name, MANIFEST);
    assert.ok(file.diff.some((d) => d.after === '# replay-check' && d.before === undefined), JSON.stringify(file.diff));

    // the objective met comes after the fix in the timeline
    const iFix = v.items.indexOf(v.items.find((i) => i.type === 'change' && i.name === fix.name && i.verb === 'delete')!);
    const iMet = v.items.findIndex((i) => i.type === 'objective' && i.objective === 'anonymous-cannot-read-secrets' && i.state === 'met');
    assert.ok(iMet > iFix, `met (${iMet}) after the fix (${iFix})`);
    // nothing of setup's baseline and no write of the control plane
    assert.ok(changes(v).every((c) => c.verb === 'delete' || c.kind === 'File' || isLearnerManager(c.manager)), 'only learner managers');
    assert.deepEqual(changes(v).map((c) => `${c.verb} ${c.kind} ${c.name}`), [
      'create ConfigMap replay-probe',
      'update ConfigMap replay-probe',
      'create Secret replay-creds',
      `delete ClusterRoleBinding ${fix.name}`,
      `update File ${MANIFEST}`,
      'update ConfigMap replay-probe',
    ]);
    assert.deepEqual(changes(v).at(-1)!.diff, [{ path: 'metadata.labels.tier', after: '"gold"' }]);
    assert.equal(v.dropped, 0);
    // beside it, for the staff: the reference solution with this learner's own values
    assert.equal(v.solution?.name, 'solution/');
    assert.equal(v.solution?.values.binding, fix.name);
    assert.match(v.solution?.script ?? '', /kubectl/);

    // once ended, the learner reads it, and may download it
    assert.equal((await ann.call('DELETE', `/api/sessions/${session.id}`)).status, 204);
    const after = await replayAs(ann);
    assert.equal(after.status, 200, after.text);
    assert.ok(after.body.endedAt);
    // the learner sees the solution once the exercise is completed (the binding's deletion met both objectives)
    assert.equal(after.body.solution?.values.binding, fix.name, JSON.stringify(after.body.solutionHidden));
    assert.ok(changes(after.body).some((c) => c.name === 'replay-probe' && c.manager === 'kubectl-patch'));
    const download = await fetch(`${server.base}/api/sessions/${session.id}/replay?download=1`, { headers: { cookie: ann.cookie } });
    assert.match(download.headers.get('content-disposition') ?? '', /^attachment; filename="?replay-[\w-]+\.json"?$/);
    assert.equal(((await download.json()) as ReplayView).sessionId, session.id);
    assert.equal((await replayAs(bob)).status, 404);
    // and it is in the SQLite file
    const db = new Database(path.join(dataDir, 'batten.db'), { readonly: true });
    const rows = db.prepare('SELECT COUNT(*) AS n FROM replay_entries WHERE session_id = ?').get(session.id) as { n: number };
    db.close();
    assert.equal(rows.n, changes(after.body).length);
  }, 240_000);
});
