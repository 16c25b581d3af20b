import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, test } from 'vitest';
import { CKS_DOMAINS, OWASP_K8S_2025 } from '../protocol/curriculum.ts';
import type { CatalogEntry } from '../protocol/rest.ts';
import { catalog } from './catalog.ts';
import { EXERCISES_DIR, LOAD_CONTEXT } from './catalog-context.ts';
import { formatProblems, loadExercises } from './loader.ts';
import { loadTracks, parseTrack, trackViews, TRACKS_DIR, type TrackResult } from './tracks.ts';

const KNOWN = new Set(['anonymous-access', 'audit-logging', 'default-sa-cluster-admin']);
const GOOD = `title: First week
description: |
  The **basics**.
exercises:
  - default-sa-cluster-admin
  - anonymous-access
`;

/** The one-line problems of a track that must be broken. */
function problems(name: string, src: string): string {
  const r = parseTrack(name, src, KNOWN);
  assert.equal(r.ok, false, 'expected the track to be broken');
  return r.ok ? '' : formatProblems(r.errors);
}

describe('parseTrack', () => {
  test('a good track keeps its order, title and markdown description', () => {
    const r = parseTrack('first-week', GOOD, KNOWN);
    assert.deepEqual(r, { ok: true, track: { name: 'first-week', title: 'First week', description: 'The **basics**.', exercises: ['default-sa-cluster-admin', 'anonymous-access'] } });
  });

  test('an unknown exercise names the file, the line, the item, and a near name', () => {
    assert.equal(
      problems('first-week', GOOD.replace('  - anonymous-access', '  - anonymous-acess')),
      'tracks/first-week.yaml:6 exercises[1]: no exercise named "anonymous-acess" (did you mean "anonymous-access"?); use the name of a folder under exercises/',
    );
    assert.match(problems('first-week', GOOD.replace('  - anonymous-access', '  - something-else')), /exercises\[1\]: no exercise named "something-else"; use the name of a folder under exercises\/$/);
  });

  test('an exercise listed twice points at the second listing and the first', () => {
    assert.equal(
      problems('first-week', `${GOOD}  - default-sa-cluster-admin\n`),
      'tracks/first-week.yaml:7 exercises[2]: "default-sa-cluster-admin" is listed twice (also exercises[0]); list each exercise once',
    );
  });

  test('a missing or empty title says what to write', () => {
    assert.equal(problems('first-week', GOOD.replace('title: First week\n', '')), 'tracks/first-week.yaml title: missing; add title: the name shown in the catalog, such as "CKS preparation"');
    assert.match(problems('first-week', GOOD.replace('title: First week', 'title: "  "')), /:1 title: is empty; write the name shown/);
    assert.match(problems('first-week', GOOD.replace('title: First week', 'title: [a, b]')), /:1 title: expected a string, got a list/);
  });

  test('missing or empty exercises, and an item that is not a name', () => {
    assert.match(problems('t', 'title: T\ndescription: D\n'), /exercises: missing; add exercises: with a list of exercise folder names/);
    assert.match(problems('t', 'title: T\ndescription: D\nexercises: []\n'), /:3 exercises: must not be empty; list the exercise folder names/);
    assert.match(problems('t', 'title: T\ndescription: D\nexercises:\n  - { name: audit-logging }\n'), /:4 exercises\[0\]: expected an exercise's folder name, got/);
  });

  test('a file that is not a mapping is reported as such', () => {
    assert.equal(problems('t', '- audit-logging\n- anonymous-access\n'), 'tracks/t.yaml:1: the track file is not a mapping; write title, description and exercises as keys');
    assert.match(problems('t', ''), /not a mapping/);
  });

  test('an unknown field, a YAML syntax error and a bad file name', () => {
    assert.match(problems('t', `${GOOD}level: beginner\n`), /:7 level: unknown field "level"; known fields: title, description, exercises/);
    assert.match(problems('t', 'title: [\n'), /tracks\/t\.yaml:\d+: YAML syntax error/);
    assert.match(problems('CKS Prep', GOOD), /tracks\/CKS Prep\.yaml: the file name is the track's name in links; .* \(rename it to cks-prep\.yaml\)/);
  });

  test('every problem at once, in line order', () => {
    const all = problems('t', 'title: ""\ndescription: D\nexercises:\n  - nope\n  - nope\n');
    assert.deepEqual(all.split('\n').map((l) => l.split(' ')[0]), ['tracks/t.yaml:1', 'tracks/t.yaml:4', 'tracks/t.yaml:5', 'tracks/t.yaml:5']);
  });
});

const entry = (o: Partial<CatalogEntry> & { name: string }): CatalogEntry => ({ title: o.name, tags: [], points: 10, objectives: 1, available: true, broken: false, ...o });

describe('trackViews', () => {
  const ok: TrackResult = { ok: true, track: { name: 'first-week', title: 'First week', description: 'D', exercises: ['b', 'a', 'c'] } };
  const broken: TrackResult = { ok: false, name: 'bad', errors: [{ file: 'tracks/bad.yaml', line: 1, message: 'the track file is not a mapping' }] };
  const cat = [entry({ name: 'a', difficulty: 'beginner', minutes: 10, tags: ['K01'] }), entry({ name: 'b', available: false, unavailableReason: 'needs runtime' }), entry({ name: 'c', problems: 'secret' })];

  test('each exercise in the track order, with its catalog facts and the user’s progress', () => {
    const [v] = trackViews([ok], cat, new Set(['a', 'c', 'elsewhere']), false);
    assert.equal(v?.solved, 2);
    assert.deepEqual(v?.exercises.map((e) => [e.name, e.solved, e.available]), [['b', false, false], ['a', true, true], ['c', true, true]]);
    assert.deepEqual(v?.exercises[1], { name: 'a', title: 'a', difficulty: 'beginner', minutes: 10, tags: ['K01'], available: true, unavailableReason: undefined, broken: false, solved: true });
    assert.equal(v?.exercises[0]?.unavailableReason, 'needs runtime');
    assert.ok(!('problems' in (v?.exercises[2] ?? {})), 'an exercise’s problems are not repeated in tracks');
  });

  test('a broken track is listed, with its problems for the staff only', () => {
    const [learner] = trackViews([broken], cat, new Set(), false);
    assert.deepEqual(learner, { name: 'bad', title: 'bad', description: '', exercises: [], solved: 0, broken: true });
    assert.equal(trackViews([broken], cat, new Set(), true)[0]?.problems, 'tracks/bad.yaml:1: the track file is not a mapping');
  });
});

describe('loadTracks', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'batten-tracks-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('reads every .yaml sorted by name; a broken one is listed and stops nothing', async () => {
    writeFileSync(path.join(dir, 'b-good.yaml'), GOOD);
    writeFileSync(path.join(dir, 'a-broken.yaml'), '- not a mapping\n');
    writeFileSync(path.join(dir, 'c-old.yml'), GOOD);
    writeFileSync(path.join(dir, 'README.md'), '# not a track');
    mkdirSync(path.join(dir, 'd-folder.yaml'));
    const rs = await loadTracks(dir, KNOWN);
    assert.deepEqual(rs.map((r) => [r.ok ? r.track.name : r.name, r.ok]), [['a-broken', false], ['b-good', true], ['c-old', false], ['d-folder', false]]);
    const why = (i: number) => (rs[i]?.ok ? '' : formatProblems(rs[i]!.errors));
    assert.match(why(2), /^tracks\/c-old\.yml: track files end in \.yaml; rename it to c-old\.yaml$/);
    assert.match(why(3), /^tracks\/d-folder\.yaml: is not a regular file/);
  });

  test('no tracks folder is no tracks', async () => {
    assert.deepEqual(await loadTracks(path.join(dir, 'missing'), KNOWN), []);
  });
});

describe('the published tracks', async () => {
  const exercises = await loadExercises(EXERCISES_DIR, LOAD_CONTEXT);
  const tracks = await loadTracks(TRACKS_DIR, new Set(exercises.map((e) => e.name)));
  const byName = new Map(tracks.map((t) => [t.ok ? t.track.name : t.name, t]));
  const tagsOf = new Map(catalog(exercises, ['api', 'nodes', 'runtime']).map((e) => [e.name, e.tags]));
  const list = (name: string): string[] => {
    const t = byName.get(name);
    assert.ok(t, `tracks/${name}.yaml is missing`);
    assert.ok(t.ok, t.ok ? '' : formatProblems(t.errors));
    return t.track.exercises;
  };

  test('every track file is valid', () => {
    assert.deepEqual(tracks.filter((t) => !t.ok).map((t) => (t.ok ? '' : formatProblems(t.errors))), []);
    assert.deepEqual([...byName.keys()], ['cks-preparation', 'owasp-k8s-top-10', 'platform-team-day-one']);
  });

  test('OWASP Kubernetes Top 10: one exercise per risk, K01 to K10 in order', () => {
    const names = list('owasp-k8s-top-10');
    assert.deepEqual(names.map((n, i) => (tagsOf.get(n) ?? []).includes(OWASP_K8S_2025[i]![0])), OWASP_K8S_2025.map(() => true));
    assert.equal(names.length, 10);
  });

  test('CKS preparation goes through the six domains in the curriculum’s order', () => {
    // each exercise counts for the earliest of its domains not before the previous one's
    let at = 0;
    const domains = list('cks-preparation').map((n) => {
      const d = CKS_DOMAINS.findIndex(([tag], i) => i >= at && (tagsOf.get(n) ?? []).includes(tag));
      assert.notEqual(d, -1, `${n} has no CKS domain at or after ${CKS_DOMAINS[at]?.[1]}: out of order`);
      at = d;
      return d;
    });
    assert.deepEqual([...new Set(domains)], [0, 1, 2, 3, 4, 5]);
  });

  test('Platform team, day one: beginner exercises before intermediate ones, nothing advanced', () => {
    const levels = catalog(exercises, ['api', 'nodes', 'runtime']);
    const rank = list('platform-team-day-one').map((n) => ['beginner', 'intermediate'].indexOf(levels.find((e) => e.name === n)?.difficulty ?? ''));
    assert.ok(!rank.includes(-1));
    assert.deepEqual(rank, [...rank].sort());
  });
});
