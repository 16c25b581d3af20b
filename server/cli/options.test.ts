import assert from 'node:assert/strict';
import { test } from 'vitest';
import { optionProblem } from './options.ts';

test('what a command takes passes', () => {
  assert.equal(optionProblem('exercise test', ['--all', '--providers', 'embedded,kind']), undefined);
  assert.equal(optionProblem('exercise test', ['exercises/anonymous-access', '--provider', 'kind', '--verbose']), undefined);
  assert.equal(optionProblem('exercise new', ['my-exercise', '--dir', '/tmp/x']), undefined);
  assert.equal(optionProblem('setup', ['--browser', '--kind-if-possible']), undefined);
  assert.equal(optionProblem('doctor', []), undefined);
});

test('an unknown option, a missing value or a stray argument names itself and what the command takes', () => {
  assert.equal(optionProblem('exercise test', ['--help']), 'unknown option --help: it takes --all, --verbose, --provider VALUE, --providers VALUE, exercise folders or names');
  assert.equal(optionProblem('exercise test', ['--provders', 'kind']), 'unknown option --provders: it takes --all, --verbose, --provider VALUE, --providers VALUE, exercise folders or names');
  assert.match(optionProblem('exercise test', ['--providers']) ?? '', /^--providers needs a value/);
  assert.equal(optionProblem('doctor', ['now']), 'unexpected argument "now": it takes no arguments');
  assert.match(optionProblem('setup', ['--kinds']) ?? '', /^unknown option --kinds: it takes --kind, --kind-if-possible, --browser$/);
  assert.match(optionProblem('exercise validate', ['-a']) ?? '', /^unknown option -a/);
});
