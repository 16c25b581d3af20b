import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, test } from 'vitest';
import { z } from 'zod';
import { assertLoaded, ExerciseError, formatProblems, loadExercise, loadExercises, orderManifests, type ExerciseProblem, type ExerciseResult, type LoadContext } from './loader.ts';

/** A small probe registry standing in for server/checks/probes. */
const ctx: LoadContext = {
  probeSpecs: {
    canI: z.strictObject({ as: z.string(), verb: z.string(), resource: z.string(), namespace: z.string().optional(), expect: z.enum(['allowed', 'denied']) }),
    ready: z.strictObject({ kind: z.string(), namespace: z.string(), name: z.string() }),
  },
  providerCapabilities: new Set(['api', 'nodes']),
};

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'batten-exercises-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let roots = 0;

const exerciseYaml = (name: string) => `apiVersion: batten.dev/v1
kind: Exercise
metadata:
  name: ${name}
  title: The all-powerful default service account
  difficulty: beginner
  tags: [rbac]
  minutes: 10
objectives:
  - id: sa-not-admin
    title: The service account can no longer read every Secret
    points: 100
    hints:
      - { text: "Which bindings name the service account?", cost: 10 }
    pass:
      - canI: { as: "system:serviceaccount:shop:default", verb: list, resource: secrets, expect: denied }
    keep:
      - ready: { kind: Deployment, namespace: shop, name: web }
`;

const appYaml = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
---
apiVersion: v1
kind: Namespace
metadata: { name: shop }
---
`;

/** The files of a valid exercise; a value of null removes the file. */
function validFiles(name: string): Record<string, string | null> {
  return {
    'exercise.yaml': exerciseYaml(name),
    'briefing.md': '# The shop\n\nThe shop runs in namespace shop.\n',
    'setup/app.yaml': appYaml,
    'setup/rbac.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: shop-admin }\n',
    'solution/solution.sh': 'kubectl delete clusterrolebinding shop-admin\n',
    'cheats/delete-app.sh': 'kubectl delete namespace shop\n',
    'cheats/deny-all/policy.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: x, namespace: shop }\n',
  };
}

/** Writes exercise folders into a fresh root and returns it. */
function writeRoot(exercises: Record<string, Record<string, string | null>>): string {
  const root = path.join(tmp, `root-${roots++}`);
  for (const [name, files] of Object.entries(exercises)) {
    for (const [file, content] of Object.entries(files)) {
      if (content === null) continue;
      const p = path.join(root, name, file);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
  }
  return root;
}

async function loadOne(name: string, files: Record<string, string | null>): Promise<ExerciseResult> {
  return loadExercise(path.join(writeRoot({ [name]: files }), name), ctx);
}

function errorsOf(r: ExerciseResult): ExerciseProblem[] {
  assert.equal(r.ok, false, 'expected the exercise to be broken');
  return r.ok ? [] : r.errors;
}

function problemAt(problems: ExerciseProblem[], file: string, pathInFile?: string): ExerciseProblem {
  const found = problems.find((p) => p.file === file && (pathInFile === undefined || p.path === pathInFile));
  assert.ok(found, `no problem in ${file} ${pathInFile ?? ''}; got:\n${formatProblems(problems)}`);
  return found;
}

test('a valid exercise loads with its briefing, setup, solution and cheats', async () => {
  const r = assertLoaded(await loadOne('default-sa', validFiles('default-sa')));
  assert.equal(r.name, 'default-sa');
  assert.equal(r.exercise.metadata.title, 'The all-powerful default service account');
  assert.deepEqual(r.exercise.objectives[0]?.pass[0], {
    kind: 'canI',
    spec: { as: 'system:serviceaccount:shop:default', verb: 'list', resource: 'secrets', expect: 'denied' },
  });
  assert.match(r.briefing, /The shop runs/);
  assert.deepEqual(
    r.setup.map((m) => [m.file, m.index, m.object.kind, m.object.metadata.name]),
    [
      ['default-sa/setup/app.yaml', 0, 'Deployment', 'web'],
      ['default-sa/setup/app.yaml', 1, 'Namespace', 'shop'],
      ['default-sa/setup/rbac.yaml', 0, 'ClusterRoleBinding', 'shop-admin'],
    ],
  );
  assert.deepEqual(r.solution, { name: 'solution/', manifests: [], script: path.join(r.dir, 'solution', 'solution.sh') });
  assert.deepEqual(r.setupScripts, []);
  assert.deepEqual(
    r.cheats.map((c) => [c.name, c.manifests.length, c.script ? path.basename(c.script) : undefined]),
    [
      ['delete-app.sh', 0, 'delete-app.sh'],
      ['deny-all', 1, undefined],
    ],
  );
});

test('an unknown probe kind is reported with its line and the known kinds', async () => {
  const files = validFiles('ex');
  files['exercise.yaml'] = exerciseYaml('ex').replace('canI:', 'canl:');
  const p = problemAt(errorsOf(await loadOne('ex', files)), 'ex/exercise.yaml', 'objectives[0].pass[0].canl');
  assert.equal(p.line, 16);
  assert.match(p.message, /unknown probe kind "canl" \(did you mean "canI"\?\); known kinds: canI, ready/);
});

test('a duplicate objective id is reported at its line', async () => {
  const files = validFiles('ex');
  files['exercise.yaml'] = `${exerciseYaml('ex')}  - id: sa-not-admin\n    title: again\n    points: 5\n    pass:\n      - ready: { kind: Deployment, namespace: shop, name: web }\n`;
  const p = problemAt(errorsOf(await loadOne('ex', files)), 'ex/exercise.yaml', 'objectives[1].id');
  assert.equal(p.line, 19);
  assert.match(p.message, /duplicate objective id "sa-not-admin"/);
});

test("a hint cost above the objective's points is formatted as file:line path: message", async () => {
  const files = validFiles('default-sa');
  files['exercise.yaml'] = exerciseYaml('default-sa').replace('cost: 10', 'cost: 150');
  const errors = errorsOf(await loadOne('default-sa', files));
  assert.equal(
    formatProblems(errors),
    "default-sa/exercise.yaml:14 objectives[0].hints[0].cost: hint cost 150 is above the objective's 100 points; lower the cost",
  );
});

test('invalid YAML in setup/ is reported with file, document and line', async () => {
  const files = validFiles('ex');
  files['setup/broken.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: a: b\nmetadata: { name: b }\n';
  files['setup/partial.yml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  namespace: shop\n';
  const errors = errorsOf(await loadOne('ex', files));
  const broken = problemAt(errors, 'ex/setup/broken.yaml');
  assert.match(broken.message, /^document 2: YAML syntax error/);
  assert.equal(broken.line, 6);
  const partial = problemAt(errors, 'ex/setup/partial.yml', 'metadata.name');
  assert.equal(partial.line, 3);
  assert.match(partial.message, /document 1 lacks metadata.name.*every manifest needs apiVersion, kind and metadata.name/);
});

test('invalid YAML in exercise.yaml is reported with its line', async () => {
  const files = validFiles('ex');
  files['exercise.yaml'] = exerciseYaml('ex').replace('kind: Exercise', 'kind: Exercise\nkind: Exercise');
  const p = problemAt(errorsOf(await loadOne('ex', files)), 'ex/exercise.yaml');
  assert.match(p.message, /^YAML syntax error: .*unique/);
  assert.equal(p.line, 3);
});

test('formatProblems leaves out what a problem does not have', () => {
  assert.equal(
    formatProblems([
      { file: 'ex/briefing.md', message: 'briefing.md is missing' },
      { file: 'ex/setup/a.yaml', line: 6, message: 'document 2: YAML syntax error' },
    ]),
    'ex/briefing.md: briefing.md is missing\nex/setup/a.yaml:6: document 2: YAML syntax error',
  );
});

test('a missing or empty briefing, setup/ or solution is reported', async () => {
  const errors = errorsOf(await loadOne('ex', { ...validFiles('ex'), 'briefing.md': null, 'setup/app.yaml': null, 'setup/rbac.yaml': null, 'solution/solution.sh': null, 'solution/notes.md': 'x' }));
  assert.match(problemAt(errors, 'ex/briefing.md').message, /briefing.md is missing; write the story/);
  assert.match(problemAt(errors, 'ex/setup/').message, /setup\/ is missing/);
  assert.match(problemAt(errors, 'ex/solution/').message, /solution\/ has neither manifests nor solution.sh/);
  const empty = errorsOf(await loadOne('ex', { ...validFiles('ex'), 'briefing.md': '  \n' }));
  assert.match(problemAt(empty, 'ex/briefing.md').message, /briefing.md is empty/);
});

test('metadata.name must equal the folder name', async () => {
  const p = problemAt(errorsOf(await loadOne('folder', validFiles('other'))), 'folder/exercise.yaml', 'metadata.name');
  assert.equal(p.line, 4);
  assert.match(p.message, /name "other" differs from the folder name "folder"/);
});

test('a capability no provider has is reported', async () => {
  const files = validFiles('ex');
  files['exercise.yaml'] = exerciseYaml('ex').replace('objectives:', 'requires: [api, runtime]\nobjectives:');
  const p = problemAt(errorsOf(await loadOne('ex', files)), 'ex/exercise.yaml', 'requires[1]');
  assert.equal(p.line, 9);
  assert.match(p.message, /no cluster provider offers the capability "runtime"/);
});

test('several problems across files are reported together, in file and line order', async () => {
  const files = validFiles('ex');
  files['exercise.yaml'] = exerciseYaml('ex').replace('cost: 10', 'cost: 150').replace('difficulty: beginner', 'difficulty: easy').replace('canI:', 'canl:');
  files['briefing.md'] = null;
  files['setup/bad.yaml'] = 'kind: ConfigMap\n';
  files['cheats/notes.txt'] = 'x';
  const errors = errorsOf(await loadOne('ex', files));
  assert.deepEqual(
    errors.map((p) => `${p.file}:${p.line ?? ''} ${p.path ?? ''}`),
    [
      'ex/exercise.yaml:6 metadata.difficulty',
      'ex/exercise.yaml:14 objectives[0].hints[0].cost',
      'ex/exercise.yaml:16 objectives[0].pass[0].canl',
      'ex/briefing.md: ',
      'ex/setup/bad.yaml:1 apiVersion',
      'ex/cheats/notes.txt: ',
    ],
  );
});

test('one broken exercise does not hide the others; results are sorted by name', async () => {
  const root = writeRoot({
    'zeta-ok': validFiles('zeta-ok'),
    'alpha-broken': { ...validFiles('alpha-broken'), 'exercise.yaml': null },
    'mid-ok': validFiles('mid-ok'),
  });
  fs.writeFileSync(path.join(root, 'schema.json'), '{}');
  const results = await loadExercises(root, ctx);
  assert.deepEqual(
    results.map((r) => [r.name, r.ok]),
    [
      ['alpha-broken', false],
      ['mid-ok', true],
      ['zeta-ok', true],
    ],
  );
  const [broken] = results;
  assert.ok(broken && !broken.ok);
  assert.match(problemAt(broken.errors, 'alpha-broken/exercise.yaml').message, /exercise.yaml is missing/);
  assert.throws(() => assertLoaded(broken), (e: unknown) => e instanceof ExerciseError && e.problems.length === 1 && /alpha-broken\/exercise.yaml/.test(e.message));
});

test('a missing exercises folder is an ExerciseError', async () => {
  await assert.rejects(loadExercises(path.join(tmp, 'nowhere'), ctx), (e: unknown) => e instanceof ExerciseError && /cannot read the exercises folder/.test(e.message));
});

test('orderManifests applies namespaces and CRDs first, workloads after config, keeping file order in a group', () => {
  const m = (kind: string, name: string) => ({ object: { kind, metadata: { name } } });
  const ordered = orderManifests([
    m('Deployment', 'web'),
    m('Widget', 'w'),
    m('Secret', 's'),
    m('ClusterRole', 'cr'),
    m('Namespace', 'shop'),
    m('ServiceAccount', 'sa'),
    m('CustomResourceDefinition', 'widgets'),
    m('RoleBinding', 'rb'),
    m('Pod', 'p'),
    m('ValidatingWebhookConfiguration', 'hook'),
  ]);
  assert.deepEqual(
    ordered.map((x) => x.object.metadata.name),
    ['shop', 'widgets', 'cr', 's', 'sa', 'rb', 'web', 'p', 'w', 'hook'],
  );
});

test('a link that leads out of the exercise folder is refused by its place, and what it points at is never read', async () => {
  const secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'batten-host-')), 'token');
  fs.writeFileSync(secret, 'HOST-SECRET-4242\n');
  const dir = path.join(writeRoot({ ex: validFiles('ex') }), 'ex');
  fs.rmSync(path.join(dir, 'exercise.yaml'));
  fs.symlinkSync(secret, path.join(dir, 'exercise.yaml'));
  fs.symlinkSync(path.dirname(secret), path.join(dir, 'setup', 'more'));
  const problems = errorsOf(await loadExercise(dir, ctx));
  assert.match(problemAt(problems, 'ex/exercise.yaml').message, /symbolic link that leads outside the exercise folder/);
  assert.match(problemAt(problems, 'ex/setup/more').message, /symbolic link/);
  assert.doesNotMatch(formatProblems(problems), /HOST-SECRET|batten-host-/);
  fs.rmSync(path.dirname(secret), { recursive: true });
});

const withParams = (name: string): Record<string, string | null> => ({
  ...validFiles(name),
  'exercise.yaml': exerciseYaml(name)
    .replace('objectives:', 'params:\n  ns: { oneOf: [shop, store] }\n  sa: { token: 5, prefix: "svc-" }\nobjectives:')
    .replace('The service account can no longer', 'The service account {{sa}} can no longer')
    .replace('"system:serviceaccount:shop:default"', '"system:serviceaccount:{{ns}}:{{sa}}"'),
  'briefing.md': '# The shop\n\nThe shop runs in namespace {{ns}}.\n',
  'setup/app.yaml': appYaml.replaceAll('shop', '"{{ns}}"'),
});

test('parameters reach objectives, briefing, manifests and the scripts’ environment; another seed draws others', async () => {
  const { instantiate, displayed } = await import('./instance.ts');
  const r = assertLoaded(await loadOne('params-ok', withParams('params-ok')));
  const a = instantiate(r, 'learner-a');
  const ns = a.params.ns as string;
  assert.match(a.params.sa as string, /^svc-[a-z0-9]{5}$/);
  assert.equal((a.exercise.objectives[0]?.pass[0]?.spec as { as: string }).as, `system:serviceaccount:${ns}:${a.params.sa}`);
  assert.equal(a.exercise.objectives[0]?.title, `The service account ${a.params.sa} can no longer read every Secret`);
  assert.equal(a.briefing, `# The shop\n\nThe shop runs in namespace ${ns}.\n`);
  assert.deepEqual(a.setup.slice(0, 2).map((m) => m.object.metadata.namespace ?? m.object.metadata.name), [ns, ns]);
  assert.deepEqual(a.solution.env, { ns, sa: a.params.sa });
  assert.equal(a.seed, 'learner-a');
  assert.notEqual(instantiate(r, 'learner-b').params.sa, a.params.sa);
  const shown = displayed(r);
  assert.equal(shown.briefing, '# The shop\n\nThe shop runs in namespace ‹ns›.\n');
  assert.equal(shown.titles.get('sa-not-admin'), 'The service account ‹sa› can no longer read every Secret');
});

test('an undeclared parameter, or one outside the objectives of exercise.yaml, is reported where it is', async () => {
  const files = withParams('params-bad');
  files['exercise.yaml'] = files['exercise.yaml']!.replace('title: The all-powerful default service account', 'title: "{{ns}} admin"').replace('name: web }', 'name: "{{app}}" }');
  files['setup/rbac.yaml'] = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: "{{binding}}" }\n';
  const errors = errorsOf(await loadOne('params-bad', files));
  assert.match(problemAt(errors, 'params-bad/exercise.yaml', 'metadata.title').message, /allowed in objectives only/);
  const app = problemAt(errors, 'params-bad/exercise.yaml', 'objectives[0].keep[0].ready.name');
  assert.match(app.message, /\{\{app\}\} is not a parameter of this exercise; declare it under params:/);
  assert.ok(app.line !== undefined && app.line > 10, 'with its line');
  assert.match(problemAt(errors, 'params-bad/setup/rbac.yaml', 'document 1: metadata.name').message, /\{\{binding\}\}/);
});

test('an exercise.yaml that is not a mapping is named as such', async () => {
  const errors = errorsOf(await loadOne('not-a-map', { ...validFiles('not-a-map'), 'exercise.yaml': '- just\n- a list\n' }));
  assert.match(problemAt(errors, 'not-a-map/exercise.yaml').message, /is not a mapping/);
});

test('alternative solutions in solutions/ load by name after solution/, each a script, a manifest file or a folder', async () => {
  const r = assertLoaded(
    await loadOne('many', {
      ...validFiles('many'),
      'solutions/own-account.sh': 'kubectl create sa web -n shop\n',
      'solutions/narrow-role.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: shop }\n',
      'solutions/hardened/app.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: b, namespace: shop }\n',
      'solutions/hardened/apply.sh': 'kubectl apply -f app.yaml\n',
    }),
  );
  assert.deepEqual(
    r.solutions.map((s) => [s.name, s.manifests.length, s.script ? path.relative(r.dir, s.script) : undefined]),
    [
      ['solution/', 0, 'solution/solution.sh'],
      ['solutions/hardened', 1, 'solutions/hardened/apply.sh'],
      ['solutions/narrow-role.yaml', 1, undefined],
      ['solutions/own-account.sh', 0, 'solutions/own-account.sh'],
    ],
  );
  assert.equal(r.solution, r.solutions[0], 'solution/ stays the reference');
  const only = assertLoaded(await loadOne('only', { ...validFiles('only'), 'solution/solution.sh': null, 'solutions/a.sh': 'true\n' }));
  assert.deepEqual(only.solutions.map((s) => s.name), ['solutions/a.sh']);
  assert.equal(only.solution.script, path.join(only.dir, 'solutions', 'a.sh'));
  const none = errorsOf(await loadOne('none', { ...validFiles('none'), 'solution/solution.sh': null, 'solutions/.keep': '' }));
  assert.match(problemAt(none, 'none/solutions/').message, /solutions\/ holds no solution; add one per correct fix/);
});

test('a solution or cheat file the engine would not run is reported with why and the fix', async () => {
  const errors = errorsOf(
    await loadOne('ignored', {
      ...validFiles('ignored'),
      'solution/fix.sh': 'kubectl delete clusterrolebinding shop-admin\n',
      'solution/notes.txt': 'x',
      'solutions/nested/deep/run.sh': 'true\n',
      'solutions/nested/a.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a, namespace: shop }\n',
      'solutions/README.md': 'x',
      'cheats/two/a.sh': 'true\n',
      'cheats/two/b.sh': 'true\n',
      'setup/deep/later.sh': 'true\n',
      'setup/readme.md': 'x',
      'solution.sh': 'true\n',
      'cheat/x.sh': 'true\n',
    }),
  );
  assert.match(problemAt(errors, 'ignored/solution/fix.sh').message, /is not run: only solution\/solution.sh is; rename it to solution.sh, or make it an alternative solution: solutions\/fix.sh/);
  assert.match(problemAt(errors, 'ignored/solution/notes.txt').message, /is ignored: solution\/ holds manifests \(.yaml, .yml, .json\) and .sh scripts only/);
  assert.match(problemAt(errors, 'ignored/solutions/nested/deep/run.sh').message, /is not run: only scripts at the top of nested\/ are; move it up a folder/);
  assert.match(problemAt(errors, 'ignored/solutions/README.md').message, /is ignored: a solution is a manifest file/);
  assert.match(problemAt(errors, 'ignored/cheats/two/').message, /has 2 scripts \(a.sh, b.sh\); keep one/);
  assert.match(problemAt(errors, 'ignored/setup/deep/later.sh').message, /only scripts at the top of setup\/ are/);
  assert.match(problemAt(errors, 'ignored/setup/readme.md').message, /is ignored/);
  assert.match(problemAt(errors, 'ignored/solution.sh').message, /is ignored: an exercise folder holds exercise.yaml, briefing.md, setup, solution, solutions, cheats only \(did you mean "solution"\?\)/);
  assert.match(problemAt(errors, 'ignored/cheat').message, /did you mean "cheats"/);
});

test('setup scripts run after the manifests in name order, with the parameters as their environment', async () => {
  const r = assertLoaded(await loadOne('setup-scripts', { ...withParams('setup-scripts'), 'setup/20-users.sh': 'true\n', 'setup/10-token.sh': 'true\n' }));
  assert.deepEqual(r.setupScripts.map((s) => path.relative(r.dir, s)), ['setup/10-token.sh', 'setup/20-users.sh']);
  assert.deepEqual(r.scriptEnv, { ns: r.params.ns, sa: r.params.sa });
});

test('a canI resource no API serves and CEL that does not compile are reported at their line', async () => {
  const withCel: LoadContext = { ...ctx, probeSpecs: { ...ctx.probeSpecs, cel: z.strictObject({ expression: z.string(), objects: z.record(z.string(), z.unknown()) }) } };
  const files = validFiles('content');
  files['exercise.yaml'] = exerciseYaml('content')
    .replace('resource: secrets', 'resource: secret')
    .replace('    keep:\n', '      - cel: { expression: "d.spec.replicas ==", objects: {} }\n    keep:\n');
  files['setup/policy.yaml'] = 'apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: { name: p }\nspec:\n  validations:\n    - expression: "object.?spec.?replicas.orValue(1) > 0"\n    - expression: "object.spec.(("\n';
  const errors = errorsOf(await loadExercise(path.join(writeRoot({ content: files }), 'content'), withCel));
  const resource = problemAt(errors, 'content/exercise.yaml', 'objectives[0].pass[0].canI.resource');
  assert.equal(resource.line, 16);
  assert.match(resource.message, /"secret" is not a built-in resource \(did you mean "secrets"\?\)/);
  const cel = problemAt(errors, 'content/exercise.yaml', 'objectives[0].pass[1].cel.expression');
  assert.equal(cel.line, 17);
  assert.match(cel.message, /the CEL does not compile \(.+\); fix the expression/);
  assert.match(problemAt(errors, 'content/setup/policy.yaml', 'document 1: spec.validations[1].expression').message, /does not compile/);
  assert.equal(errors.filter((p) => p.file === 'content/setup/policy.yaml').length, 1, 'optional syntax (.?) is Kubernetes CEL, not an error');
});
