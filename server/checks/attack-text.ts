import type { AttackStep, AttackView } from '../protocol/rest.ts';

const line = (s: AttackStep) => `${s.request} → ${s.response}`;

/** An objective's attack transcript as lines for a terminal: what it did now, and what it
 * did when the attack last worked, if that was different. Pure. */
export function attackLines(attack: AttackView | undefined): string[] {
  if (!attack) return [];
  const before = attack.before && JSON.stringify(attack.before) !== JSON.stringify(attack.now) ? attack.before : undefined;
  return [...(before ? before.map((s) => `before: ${line(s)}`) : []), ...attack.now.map((s) => `${before ? 'now:    ' : 'attack: '}${line(s)}`)];
}
