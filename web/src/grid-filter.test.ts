import { expect, test } from 'vitest';
import type { InstructorGrid } from '../../server/protocol/rest.ts';
import { filterGrid, NO_FILTER, teamsOf } from './grid-filter.ts';

const learner = (o: Partial<InstructorGrid['learners'][number]>): InstructorGrid['learners'][number] => ({ id: 1, name: 'x', hintsUsed: 0, minutes: 0, states: {}, seeds: {}, latestSessions: {}, extraMinutes: 0, ...o });
const G: InstructorGrid = {
  exercises: [
    { name: 'a', objectives: [{ id: 'o1', title: 'O1' }, { id: 'o2', title: 'O2' }] },
    { name: 'b', objectives: [{ id: 'p', title: 'P' }] },
  ],
  learners: [
    learner({ id: 1, name: 'Ada', team: 'Red', states: { 'a/o1': 'met', 'a/o2': 'regressed' } }),
    learner({ id: 2, name: 'Bob', team: 'Blue', states: { 'a/o1': 'met', 'a/o2': 'met' }, session: { id: 's1', exercise: 'b', status: 'ready' } }),
    learner({ id: 3, name: 'Cy' }),
    learner({ id: 4, name: 'Dee', team: 'Red', states: { 'b/p': 'unmet' } }),
  ],
  exerciseTests: [],
};
const names = (g: InstructorGrid) => g.learners.map((l) => l.name);

test('filters by name or team text, and by team', () => {
  expect(names(filterGrid(G, { ...NO_FILTER, text: 'red' }))).toEqual(['Ada', 'Dee']);
  expect(names(filterGrid(G, { ...NO_FILTER, text: ' bo ' }))).toEqual(['Bob']);
  expect(names(filterGrid(G, { ...NO_FILTER, team: 'Blue' }))).toEqual(['Bob']);
  expect(teamsOf(G)).toEqual(['Blue', 'Red']);
});

test('who is stuck, running or idle, overall or on one exercise', () => {
  expect(names(filterGrid(G, { ...NO_FILTER, show: 'stuck' }))).toEqual(['Ada', 'Dee']);
  expect(names(filterGrid(G, { ...NO_FILTER, show: 'stuck', exercise: 'a' }))).toEqual(['Ada']);
  expect(names(filterGrid(G, { ...NO_FILTER, show: 'running' }))).toEqual(['Bob']);
  expect(names(filterGrid(G, { ...NO_FILTER, show: 'running', exercise: 'a' }))).toEqual([]);
  expect(names(filterGrid(G, { ...NO_FILTER, show: 'idle' }))).toEqual(['Cy']);
  expect(filterGrid(G, { ...NO_FILTER, exercise: 'b' }).exercises.map((e) => e.name)).toEqual(['b']);
});
