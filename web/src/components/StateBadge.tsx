import type { ObjectiveState } from '../../../server/protocol/rest.ts';

export type CellState = ObjectiveState | 'not-started';

const LABEL: Record<CellState, string> = {
  unmet: 'unmet',
  met: 'met',
  regressed: 'regressed',
  unknown: 'unknown',
  'not-started': 'not started',
};

const ICON: Record<CellState, string> = {
  unmet: '○',
  met: '✓',
  regressed: '↺',
  unknown: '?',
  'not-started': '–',
};

/** An objective's state: a color and its name, never the color alone. */
export function StateBadge({ state, compact = false }: { state: CellState; compact?: boolean }) {
  return (
    <span className={`badge state-${state}`} title={LABEL[state]}>
      <span aria-hidden="true">{ICON[state]}</span> {compact ? <span className="sr-only">{LABEL[state]}</span> : LABEL[state]}
    </span>
  );
}

export function stateLabel(state: CellState): string {
  return LABEL[state];
}
