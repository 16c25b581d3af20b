import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, test } from 'vitest';
import type { Cluster } from '../../server/clusters/provider.ts';
import type { ObjectiveStatus } from '../../server/checks/engine.ts';
import { openDatabase } from '../../server/db/database.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from '../../server/exercises/catalog-context.ts';
import { assertLoaded, loadExercise } from '../../server/exercises/loader.ts';
import { prepareCluster } from '../../server/exercises/prove.ts';
import { LearnerSession, type AwardEvent } from '../../server/sessions/learner-session.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { eventually, kubectl, tempDir, testProvider } from '../support/clusters.ts';

// the exercise as loaded: its names are the preview seed's
let p: Readonly<Record<string, string | number>>;
const binding = () => `apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata: { name: ${p.binding} }
subjects: [{ kind: ServiceAccount, name: default, namespace: ${p.ns} }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }
`;

describe('the checker on a real cluster, scoring into a real SQLite file', () => {
  let cluster: Cluster;
  let session: LearnerSession;
  let store: ScoreStore;
  let db: ReturnType<typeof openDatabase>;
  const statuses: ObjectiveStatus[] = [];
  const awards: AwardEvent[] = [];
  const state = (id: string) => session.states().find((s) => s.id === id)?.state;

  beforeAll(async () => {
    const ex = assertLoaded(await loadExercise(path.join(EXERCISES_DIR, 'default-sa-cluster-admin'), LOAD_CONTEXT));
    p = ex.params;
    cluster = await prepareCluster(ex, testProvider());
    db = openDatabase(path.join(tempDir('batten-checker-'), 'batten.db'));
    db.prepare("INSERT INTO users (id, username, display_name, password_hash, role) VALUES (1, 'ada', 'Ada', 'x', 'learner')").run();
    store = new ScoreStore(db);
    session = new LearnerSession({ exercise: ex, cluster, store, scope: { userId: 1, eventId: 0, exercise: ex.name }, pollMs: 500, onStatus: (s) => statuses.push(s), onAward: (a) => awards.push(a) });
    session.start();
  });
  afterAll(async () => {
    session?.dispose();
    await cluster?.dispose();
  });

  test('after setup, every objective is unmet and names what is wrong', async () => {
    await eventually('first evaluation', async () => session.states().length === 2);
    assert.equal(state('sa-cannot-read-secrets'), 'unmet');
    assert.equal(state('sa-cannot-escalate'), 'unmet');
    assert.match(session.states().find((s) => s.id === 'sa-cannot-read-secrets')!.detail, new RegExp(`system:serviceaccount:${p.ns}:default can still list secrets in all namespaces`));
    // the transcript names the binding that grants it, as the API server's authorizer does
    const attack = session.states().find((s) => s.id === 'sa-cannot-read-secrets')!.attack!;
    assert.equal(attack.now[0]!.request, `may system:serviceaccount:${p.ns}:default list secrets in all namespaces? (SubjectAccessReview)`);
    assert.match(attack.now[0]!.response, new RegExp(`^allowed: RBAC: allowed by ClusterRoleBinding "${p.binding}" of ClusterRole "cluster-admin"`));
  });

  test('the fix turns both objectives met and awards points, with the completion bonus, once', async () => {
    assert.equal((await kubectl(cluster, ['delete', 'clusterrolebinding', String(p.binding)])).code, 0);
    await eventually('both met', async () => state('sa-cannot-read-secrets') === 'met' && state('sa-cannot-escalate') === 'met', 10_000);
    assert.deepEqual(awards.map((a) => [a.objective, a.points]).sort(), [['sa-cannot-escalate', 50], ['sa-cannot-read-secrets', 100]]);
    assert.equal(awards.reduce((s, a) => s + a.bonus, 0), 20);
    assert.equal(store.score(1, 0), 170);
    const attack = session.states().find((s) => s.id === 'sa-cannot-read-secrets')!.attack!;
    assert.match(attack.before![0]!.response, /^allowed: /, 'before the fix: the attack as it last worked');
    assert.match(attack.now[0]!.response, /^denied/);
  });

  test('undoing the fix is a regression: shown, but never scored twice', async () => {
    assert.equal((await kubectl(cluster, ['apply', '-f', '-'], { stdin: binding() })).code, 0);
    await eventually('regressed', async () => state('sa-cannot-read-secrets') === 'regressed', 10_000);
    assert.equal((await kubectl(cluster, ['delete', 'clusterrolebinding', String(p.binding)])).code, 0);
    await eventually('met again', async () => state('sa-cannot-read-secrets') === 'met', 10_000);
    assert.equal(awards.length, 2);
    assert.equal(store.score(1, 0), 170);
  });

  test('breaking the application makes the objective fail its guard', async () => {
    assert.equal((await kubectl(cluster, ['-n', String(p.ns), 'delete', 'rolebinding', `${p.app}-reads-config`])).code, 0);
    await eventually('regressed by the guard', async () => state('sa-cannot-read-secrets') === 'regressed', 10_000);
    assert.match(session.states().find((s) => s.id === 'sa-cannot-read-secrets')!.detail, /the application must keep working: .*can no longer get configmaps/);
    const restore = `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: { name: ${p.app}-reads-config, namespace: ${p.ns} }\nroleRef: { apiGroup: rbac.authorization.k8s.io, kind: Role, name: read-${p.config} }\nsubjects: [{ kind: ServiceAccount, name: default, namespace: ${p.ns} }]\n`;
    assert.equal((await kubectl(cluster, ['apply', '-f', '-'], { stdin: restore })).code, 0);
    await eventually('met again', async () => state('sa-cannot-read-secrets') === 'met', 10_000);
  });

  test('with the API server down the objective is unknown, never met; it recovers when the API server returns', async () => {
    const manifest = cluster.nodeFiles!.apiServerManifest;
    const good = readFileSync(manifest, 'utf8');
    writeFileSync(manifest, good.replace('--authorization-mode=Node,RBAC', '--authorization-mode=Nonsense'));
    await eventually('unknown', async () => state('sa-cannot-read-secrets') === 'unknown', 20_000);
    assert.match(session.states().find((s) => s.id === 'sa-cannot-read-secrets')!.detail, /cannot check right now/);
    writeFileSync(manifest, good);
    await eventually('met after recovery', async () => state('sa-cannot-read-secrets') === 'met', 60_000);
    assert.equal(awards.length, 2, 'no new award after a recovery');
  });

  test('every change was recorded in SQLite; after dispose no more events arrive', async () => {
    const n = statuses.length;
    assert.ok(n >= 6);
    const rows = db.prepare('SELECT objective_id, state FROM objective_results WHERE session_id = ? ORDER BY id').all(session.id) as { objective_id: string; state: string }[];
    assert.deepEqual(rows.map((r) => [r.objective_id, r.state]), statuses.map((s) => [s.id, s.state]));
    session.dispose();
    assert.equal((await kubectl(cluster, ['apply', '-f', '-'], { stdin: binding() })).code, 0);
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(statuses.length, n);
  });
});
