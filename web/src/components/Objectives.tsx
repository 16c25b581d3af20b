import type { ObjectiveView } from '../../../server/protocol/rest.ts';
import { AttackTranscript } from './AttackTranscript.tsx';
import { Hints } from './Hints.tsx';
import { StateBadge } from './StateBadge.tsx';

interface Props {
  objectives: ObjectiveView[];
  revealed: Record<string, string>;
  onReveal?: (objective: string, index: number) => Promise<void>;
}

/** The live objectives: state, the checker's sentence, points (lit once awarded), the attack
 * transcript, hints. */
export function Objectives({ objectives, revealed, onReveal }: Props) {
  if (objectives.length === 0) return <p className="muted">This exercise lists no objectives.</p>;
  return (
    <ol className="objectives" aria-live="polite">
      {objectives.map((o) => (
        <li key={o.id} className={`objective state-border-${o.state}`} data-testid={`objective-${o.id}`} data-state={o.state}>
          <div className="objective-head">
            <StateBadge state={o.state} />
            <span className="objective-title">{o.title}</span>
            <span className={`points${o.awarded ? ' points-awarded' : ''}`} data-testid={`objective-points-${o.id}`}
              data-awarded={o.awarded ? 'true' : 'false'} title={o.awarded ? 'Awarded' : 'Not yet awarded'}>
              {o.awarded ? `+${o.points}` : `${o.points} pts`}
            </span>
          </div>
          {o.detail && <p className="objective-detail">{o.detail}</p>}
          {o.awarded && o.state === 'regressed' && (
            <p className="objective-note small">Points already awarded stay; fix it again to keep the cluster safe.</p>
          )}
          {o.attack && <AttackTranscript objective={o.id} attack={o.attack} fixed={o.state === 'met'} />}
          <Hints objective={o.id} hints={o.hints} revealed={revealed} onReveal={onReveal} />
        </li>
      ))}
    </ol>
  );
}
