import type { AttackStep, AttackView } from '../../../server/protocol/rest.ts';

interface Props {
  objective: string;
  attack: AttackView;
  /** True once the objective is met: the transcript then reads as before and after the fix. */
  fixed: boolean;
}

function Steps({ steps, testid }: { steps: AttackStep[]; testid: string }) {
  return (
    <ol className="attack-steps" data-testid={testid}>
      {steps.map((s, i) => (
        <li key={i}>
          <code className="attack-request">{s.request}</code>
          <span aria-hidden="true"> → </span>
          <code className="attack-response">{s.response}</code>
        </li>
      ))}
    </ol>
  );
}

/** What the checker did as the attacker, and what came back: now, and (once fixed) as it
 * last worked. Collapsed until asked for: the transcript can read like a hint. */
export function AttackTranscript({ objective, attack, fixed }: Props) {
  return (
    <details className="attack" data-testid={`attack-${objective}`}>
      <summary>The attack, replayed</summary>
      {fixed && attack.before && (
        <>
          <p className="attack-label small">Before your fix</p>
          <Steps steps={attack.before} testid={`attack-before-${objective}`} />
          <p className="attack-label small">Now</p>
        </>
      )}
      {!fixed && <p className="attack-label small">As it stands: the attack still works</p>}
      <Steps steps={attack.now} testid={`attack-now-${objective}`} />
    </details>
  );
}
