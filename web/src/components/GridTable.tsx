import type { ReactNode } from 'react';
import type { InstructorGrid } from '../../../server/protocol/rest.ts';
import { StateBadge, stateLabel } from './StateBadge.tsx';

/** Learners down, objectives across (grouped by exercise); each cell a state, in color and words. */
export function GridTable({ grid, actions, replayHref }: { grid: InstructorGrid; actions?: (l: InstructorGrid['learners'][number]) => ReactNode; replayHref?: (sessionId: string) => string }) {
  const columns = grid.exercises.flatMap((ex) => ex.objectives.map((o) => ({ exercise: ex.name, ...o })));
  const firstObjective = new Map(grid.exercises.map((ex) => [ex.name, ex.objectives[0]?.id]));
  return (
    <div className="table-scroll">
      <table className="table grid" data-testid="grid">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>Learner</th>
            <th scope="col" rowSpan={2}>Team</th>
            <th scope="col" rowSpan={2} className="num">Hints</th>
            <th scope="col" rowSpan={2} className="num">Minutes</th>
            <th scope="col" rowSpan={2}>Now</th>
            {grid.exercises.filter((ex) => ex.objectives.length > 0).map((ex) => (
              <th key={ex.name} scope="colgroup" colSpan={ex.objectives.length} className="group">
                {ex.name}
              </th>
            ))}
            {actions && <th scope="col" rowSpan={2}>Actions</th>}
          </tr>
          <tr>
            {columns.map((c) => (
              <th key={`${c.exercise}/${c.id}`} scope="col" className="objective-col" title={c.title}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.learners.map((l) => (
            <tr key={l.id}>
              <th scope="row">{l.name}</th>
              <td>{l.team ?? <span className="muted">—</span>}</td>
              <td className="num">{l.hintsUsed}</td>
              <td className="num">{Math.round(l.minutes)}</td>
              <td className="small" data-testid={`now-${l.id}`}>{l.session ? `${l.session.exercise} (${l.session.status})` : <span className="muted">—</span>}</td>
              {columns.map((c) => {
                const key = `${c.exercise}/${c.id}`;
                const state = l.states[key] ?? 'not-started';
                const seed = l.seeds[c.exercise];
                return (
                  <td key={key} className={`cell cell-${state}`} data-testid={`grid-cell-${l.id}-${key}`} data-state={state} data-seed={seed}
                    title={`${l.name} · ${c.title}: ${stateLabel(state)}${seed ? ` · seed ${seed}` : ''}`}>
                    <StateBadge state={state} />
                    {c.id === firstObjective.get(c.exercise) && l.latestSessions[c.exercise] && replayHref && (
                      <a className="replay-link small" href={replayHref(l.latestSessions[c.exercise]!)} title={`How ${l.name} worked on ${c.exercise}`}>
                        replay
                      </a>
                    )}
                  </td>
                );
              })}
              {actions && <td>{actions(l)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
