/** How an event runs itself: when it scores, when its scoreboard freezes, what hints cost.
 * Pure: no database, no clock (the time is an argument). */

export type DestroyClusters = 'event-end' | 'completion';

export interface EventPolicy {
  startsAt: string;
  endsAt: string;
  /** The scoreboard learners see stops moving this many minutes before the end (0: never). */
  freezeMinutes: number;
  hintsAllowed: boolean;
  /** A hint's cost in the exercise, times this (0 makes hints free). */
  hintCostMultiplier: number;
  destroyClusters: DestroyClusters;
}

const MINUTE = 60_000;

/** When a learner may start exercises and score: from the start to the end plus the extra
 * minutes an instructor gave them. */
export function openWindow(p: Pick<EventPolicy, 'startsAt' | 'endsAt'>, extraMinutes = 0): { from: string; until: string } {
  return { from: p.startsAt, until: new Date(Date.parse(p.endsAt) + extraMinutes * MINUTE).toISOString() };
}

export function isOpen(now: Date, p: Pick<EventPolicy, 'startsAt' | 'endsAt'>, extraMinutes = 0): boolean {
  const w = openWindow(p, extraMinutes);
  const t = now.toISOString();
  return t >= w.from && t < w.until;
}

/** The time the learners' scoreboard froze at, while it is frozen (from `freezeMinutes`
 * before the end until the end); undefined when it shows the live score. After the end the
 * final standings are revealed. */
export function frozenAt(now: Date, p: Pick<EventPolicy, 'endsAt' | 'freezeMinutes' | 'startsAt'>): string | undefined {
  if (p.freezeMinutes <= 0) return undefined;
  const at = Math.max(Date.parse(p.startsAt), Date.parse(p.endsAt) - p.freezeMinutes * MINUTE);
  const t = now.getTime();
  return t >= at && t < Date.parse(p.endsAt) ? new Date(at).toISOString() : undefined;
}

/** What revealing a hint costs in this event. */
export function hintCost(cost: number, p: Pick<EventPolicy, 'hintCostMultiplier'>): number {
  return Math.max(0, Math.round(cost * p.hintCostMultiplier));
}
