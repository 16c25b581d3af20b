import assert from 'node:assert/strict';
import { test } from 'vitest';
import { z } from 'zod';
import { exerciseSchema, formatPath, validateExercise, type ExerciseRules, type SchemaIssue } from './schema.ts';

/** A small probe registry standing in for server/checks/probes. */
const probeSpecs = {
  canI: z.strictObject({
    as: z.string(),
    verb: z.string(),
    resource: z.string(),
    namespace: z.string().optional(),
    expect: z.enum(['allowed', 'denied']),
  }),
  ready: z.strictObject({ kind: z.string(), namespace: z.string(), name: z.string() }),
};

const rules: ExerciseRules = { probeSpecs, providerCapabilities: new Set(['api', 'nodes']), folderName: 'default-sa' };

/** A valid exercise.yaml as parsed data; tests change one part at a time. */
function exercise(): Record<string, any> {
  return {
    apiVersion: 'batten.dev/v1',
    kind: 'Exercise',
    metadata: { name: 'default-sa', title: 'The all-powerful default service account', difficulty: 'beginner', tags: ['rbac'], minutes: 10 },
    objectives: [
      {
        id: 'sa-not-admin',
        title: 'The service account can no longer read every Secret',
        points: 100,
        hints: [{ text: 'Which bindings name the service account?', cost: 10 }],
        pass: [{ canI: { as: 'system:serviceaccount:shop:default', verb: 'list', resource: 'secrets', expect: 'denied' } }],
        keep: [{ ready: { kind: 'Deployment', namespace: 'shop', name: 'web' } }],
      },
    ],
  };
}

function issuesOf(raw: unknown): SchemaIssue[] {
  const r = validateExercise(raw, rules);
  assert.equal(r.ok, false, 'expected the exercise to be rejected');
  return r.ok ? [] : r.issues;
}

function issueAt(issues: SchemaIssue[], path: string): SchemaIssue {
  const found = issues.find((i) => formatPath(i.path) === path);
  assert.ok(found, `no issue at ${path}; got:\n${issues.map((i) => `${formatPath(i.path)}: ${i.message}`).join('\n')}`);
  return found;
}

test('a valid exercise is accepted, with defaults and probes normalised to { kind, spec }', () => {
  const r = validateExercise(exercise(), rules);
  assert.ok(r.ok, r.ok ? '' : JSON.stringify(r.issues));
  assert.deepEqual(r.exercise.requires, ['api']);
  assert.deepEqual(r.exercise.cluster, {});
  assert.equal(r.exercise.completionBonus, 0);
  const [objective] = r.exercise.objectives;
  assert.deepEqual(objective?.pass, [
    { kind: 'canI', spec: { as: 'system:serviceaccount:shop:default', verb: 'list', resource: 'secrets', expect: 'denied' } },
  ]);
  assert.deepEqual(objective?.keep, [{ kind: 'ready', spec: { kind: 'Deployment', namespace: 'shop', name: 'web' } }]);
});

test('cluster options: flags are strings without dashes, files are relative to /etc/kubernetes', () => {
  const ok = exercise();
  ok.cluster = { apiServer: { flags: { 'anonymous-auth': false, 'audit-log-maxage': 7 }, files: { 'enc/encryption.yaml': 'kind: EncryptionConfiguration' } }, nodes: 2 };
  const r = validateExercise(ok, rules);
  assert.ok(r.ok);
  assert.deepEqual(r.exercise.cluster.apiServer?.flags, { 'anonymous-auth': 'false', 'audit-log-maxage': '7' });

  const bad = exercise();
  bad.cluster = { apiServer: { flags: { '--anonymous-auth': 'false' }, files: { '../../etc/passwd': 'x' } }, nodes: 11 };
  const issues = issuesOf(bad);
  assert.match(issueAt(issues, 'cluster.apiServer.flags["--anonymous-auth"]').message, /without leading dashes/);
  assert.match(issueAt(issues, 'cluster.apiServer.files["../../etc/passwd"]').message, /relative to \/etc\/kubernetes/);
  assert.match(issueAt(issues, 'cluster.nodes').message, /at most 10, got 11/);
});

test('an unknown probe kind names the kind, suggests a near one and lists the known kinds', () => {
  const raw = exercise();
  raw.objectives[0].pass = [{ canl: { as: 'x', verb: 'get', resource: 'pods', expect: 'denied' } }];
  const { message } = issueAt(issuesOf(raw), 'objectives[0].pass[0].canl');
  assert.match(message, /unknown probe kind "canl"/);
  assert.match(message, /did you mean "canI"/);
  assert.match(message, /known kinds: canI, ready/);
});

test("a probe spec is checked by its kind's schema, with the path inside the spec", () => {
  const raw = exercise();
  raw.objectives[0].pass = [{ canI: { as: 'x', verb: 'get', resource: 'pods', expect: 'denid', extra: 1 } }, { canI: {}, ready: {} }, 'canI'];
  const issues = issuesOf(raw);
  assert.match(issueAt(issues, 'objectives[0].pass[0].canI.expect').message, /got "denid"; expected one of "allowed", "denied"/);
  assert.match(issueAt(issues, 'objectives[0].pass[0].canI.extra').message, /unknown field "extra"/);
  assert.match(issueAt(issues, 'objectives[0].pass[1]').message, /exactly one key.*got 2 keys \(canI, ready\)/);
  assert.match(issueAt(issues, 'objectives[0].pass[2]').message, /expected a probe.*got "canI"/);
});

test('a duplicate objective id is reported at the second one', () => {
  const raw = exercise();
  raw.objectives.push({ ...raw.objectives[0] });
  assert.match(issueAt(issuesOf(raw), 'objectives[1].id').message, /duplicate objective id "sa-not-admin" \(also objectives\[0\]\)/);
});

test("a hint costing more than its objective's points is reported with the fix", () => {
  const raw = exercise();
  raw.objectives[0].hints[0].cost = 150;
  assert.equal(issueAt(issuesOf(raw), 'objectives[0].hints[0].cost').message, "hint cost 150 is above the objective's 100 points; lower the cost");
});

test('a capability no provider has is reported; an unknown one lists the valid ones', () => {
  const raw = exercise();
  raw.requires = ['api', 'runtime', 'gpu'];
  const issues = issuesOf(raw);
  assert.match(issueAt(issues, 'requires[1]').message, /no cluster provider offers the capability "runtime" \(available: api, nodes\)/);
  assert.match(issueAt(issues, 'requires[2]').message, /got "gpu"; expected one of "api", "nodes", "runtime", "network"/);
});

test('metadata.name must equal the folder name', () => {
  const issues = validateExercise(exercise(), { ...rules, folderName: 'other' });
  assert.ok(!issues.ok);
  assert.match(issueAt(issues.issues, 'metadata.name').message, /differs from the folder name "other"/);
});

test('every problem is reported at once, cross-field rules even when the shape is wrong', () => {
  const raw = exercise();
  raw.kind = 'Excercise';
  raw.metadata.difficulty = 'easy';
  raw.metadata.tag = ['x'];
  raw.objectives[0].hints[0].cost = 500;
  raw.objectives.push({ id: 'sa-not-admin', title: 'x', points: 1.5, pass: [] });
  const issues = issuesOf(raw);
  assert.deepEqual(issues.map((i) => formatPath(i.path)).sort(), [
    'kind',
    'metadata.difficulty',
    'metadata.tag',
    'objectives[0].hints[0].cost',
    'objectives[1].id',
    'objectives[1].pass',
    'objectives[1].points',
  ]);
  assert.match(issueAt(issues, 'metadata.tag').message, /unknown field "tag" \(did you mean "tags"\?\)/);
  assert.match(issueAt(issues, 'objectives[1].points').message, /expected a whole number, got 1.5/);
  assert.match(issueAt(issues, 'objectives[1].pass').message, /at least one probe/);
});

test('missing fields say what is expected', () => {
  const raw = exercise();
  delete raw.metadata.title;
  raw.objectives[0].id = 'Not_A_Label';
  const issues = issuesOf(raw);
  assert.equal(issueAt(issues, 'metadata.title').message, 'missing; expected a string');
  assert.match(issueAt(issues, 'objectives[0].id').message, /"Not_A_Label" is not a valid objective id; use lowercase letters/);
  assert.match(issuesOf(null)[0]?.message ?? '', /expected a mapping \(key: value\), got null/);
});

test('exerciseSchema is cached per registry', () => {
  assert.equal(exerciseSchema(probeSpecs), exerciseSchema(probeSpecs));
});

test('formatPath renders paths the way authors write them', () => {
  assert.equal(formatPath(['objectives', 1, 'hints', 0, 'cost']), 'objectives[1].hints[0].cost');
  assert.equal(formatPath(['cluster', 'apiServer', 'flags', 'anonymous-auth']), 'cluster.apiServer.flags.anonymous-auth');
  assert.equal(formatPath(['files', 'enc/encryption.yaml']), 'files["enc/encryption.yaml"]');
  assert.equal(formatPath([]), '');
});
