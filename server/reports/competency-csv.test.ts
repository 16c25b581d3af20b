import assert from 'node:assert/strict';
import { describe, test } from 'vitest';
import type { CompetencyReport, CompetencySubject, CompetencyTally } from '../protocol/rest.ts';
import { competencyCsv } from './competency-csv.ts';
import { csvCell, csvLines } from './csv-cell.ts';

const tally = (over: Partial<CompetencyTally> = {}): CompetencyTally => ({ attempted: 0, solved: 0, solveRate: null, hints: 0, hintPoints: 0, regressions: 0, medianMinutesToSolve: null, ...over });
const k02 = (over: Partial<CompetencyTally> = {}) => ({ tag: 'K02', title: 'Overly permissive authorization', curriculum: 'owasp' as const, ...tally({ attempted: 3, solved: 1, solveRate: 1 / 3, hints: 2, hintPoints: 15, regressions: 1, medianMinutesToSolve: 12.5, ...over }) });
const subject = (id: number, name: string, team?: string): CompetencySubject => ({ id, name, ...(team ? { team } : {}), total: tally({ attempted: 3, solved: 1, solveRate: 1 / 3 }), categories: [k02()], exercises: [] });

const report: CompetencyReport = {
  scope: { kind: 'event', eventId: 7, name: 'CTF' },
  generatedAt: '2030-01-01T10:00:00.000Z',
  room: { total: tally(), categories: [k02(), { tag: 'cks-supply-chain', title: 'Supply chain security', curriculum: 'cks', ...tally() }], exercises: [{ name: 'default-sa', tags: ['K02', 'rbac'], ...tally({ attempted: 2, solved: 2, solveRate: 1 }) }] },
  learners: [subject(1, '=HYPERLINK("http://x")', 'red "team"'), subject(2, 'Bo, the second')],
  teams: [subject(1, '@red')],
};

describe('CSV cells', () => {
  test('text is quoted with quotes doubled; numbers as they are; null and non-finite empty', () => {
    assert.equal(csvCell('a "b", c'), '"a ""b"", c"');
    assert.equal(csvCell(12.5), '12.5');
    assert.equal(csvCell(-3), '-3');
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(Number.NaN), '');
  });

  test('text a spreadsheet would run as a formula gets a leading quote', () => {
    assert.deepEqual(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', 'a=b'].map(csvCell), ['"\'=1+1"', '"\'+1"', '"\'-1"', '"\'@SUM(A1)"', '"\'\tx"', '"\'\rx"', '"a=b"']);
  });

  test('a document is a header and one line per row, each ended by a newline', () => {
    assert.equal(csvLines(['a', 'b'], [['x', 1], [null, '-y']]), 'a,b\n"x",1\n,"\'-y"\n');
  });
});

describe('competencyCsv', () => {
  test('by learner: each learner’s total, then a row per category, formulas guarded', () => {
    assert.equal(
      competencyCsv(report, 'learner'),
      [
        'learner,team,curriculum,category,title,attempted,solved,solve_rate,median_minutes_to_solve,hints,hint_points,regressions',
        '"\'=HYPERLINK(""http://x"")","red ""team""","all","all","every exercise",3,1,0.333,,0,0,0',
        '"\'=HYPERLINK(""http://x"")","red ""team""","owasp","K02","Overly permissive authorization",3,1,0.333,12.5,2,15,1',
        '"Bo, the second",,"all","all","every exercise",3,1,0.333,,0,0,0',
        '"Bo, the second",,"owasp","K02","Overly permissive authorization",3,1,0.333,12.5,2,15,1',
        '',
      ].join('\n'),
    );
  });

  test('by team', () => {
    const lines = competencyCsv(report, 'team').split('\n');
    assert.equal(lines[0], 'team,curriculum,category,title,attempted,solved,solve_rate,median_minutes_to_solve,hints,hint_points,regressions');
    assert.equal(lines[1], '"\'@red","all","all","every exercise",3,1,0.333,,0,0,0');
    assert.equal(lines.length, 4);
  });

  test('by category: the room’s categories, then its exercises, in the report’s (hardest-first) order', () => {
    assert.deepEqual(competencyCsv(report, 'category').split('\n'), [
      'kind,name,title,curriculum_or_tags,attempted,solved,solve_rate,median_minutes_to_solve,hints,hint_points,regressions',
      '"category","K02","Overly permissive authorization","owasp",3,1,0.333,12.5,2,15,1',
      '"category","cks-supply-chain","Supply chain security","cks",0,0,,,0,0,0',
      '"exercise","default-sa",,"K02 rbac",2,2,1,,0,0,0',
      '',
    ]);
  });
});
