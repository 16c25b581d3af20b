import { expect, test } from 'vitest';
import type { ReplayEntry, ReplayObjectiveChange } from '../protocol/rest.ts';
import { replayTimeline } from './timeline.ts';

const change = (at: string, name: string): ReplayEntry => ({ at, verb: 'update', apiVersion: 'v1', kind: 'ConfigMap', name, manager: 'kubectl-edit', diff: [], more: 0 });
const result = (at: string, objective: string, state: ReplayObjectiveChange['state'], detail = ''): ReplayObjectiveChange => ({ at, objective, state, detail });

test('changes and state transitions merged by time; a new detail of the same state is not a transition; a change comes before the verdict of the same instant', () => {
  const items = replayTimeline(
    [change('2026-01-01T00:00:05.000Z', 'a'), change('2026-01-01T00:00:09.000Z', 'b')],
    [
      result('2026-01-01T00:00:01.000Z', 'o1', 'unmet', 'open'),
      result('2026-01-01T00:00:03.000Z', 'o1', 'unmet', 'still open, other detail'),
      result('2026-01-01T00:00:05.000Z', 'o1', 'met'),
      result('2026-01-01T00:00:10.000Z', 'o1', 'regressed'),
    ],
  );
  expect(items.map((i) => (i.type === 'change' ? `change ${i.name}` : `${i.objective} ${i.state}`))).toEqual(['o1 unmet', 'change a', 'o1 met', 'change b', 'o1 regressed']);
});

test('empty inputs give an empty timeline', () => {
  expect(replayTimeline([], [])).toEqual([]);
});
