/** An event as the pre-warming plan sees it. */
export interface ScheduledEvent {
  startsAt: string;
  endsAt: string;
  exercises: readonly string[];
}

/** How long before an event starts its exercises are prepared (a cold start with setup is
 * well under a minute; this leaves room for several per exercise on a busy host). */
export const PREWARM_LEAD_MS = 15 * 60_000;

/** The exercises worth a prepared cluster at `now`: those named by the administrator, and
 * those of events running or starting within `leadMs`. Every other exercise is served from
 * the generic pool, its setup applied on demand. Pure. */
export function preparedExercises(events: readonly ScheduledEvent[], now: number, always: readonly string[] = [], leadMs = PREWARM_LEAD_MS): Set<string> {
  const wanted = new Set(always);
  for (const e of events) {
    const starts = Date.parse(e.startsAt);
    const ends = Date.parse(e.endsAt);
    if (Number.isNaN(starts) || Number.isNaN(ends)) continue;
    if (starts - leadMs <= now && now < ends) for (const x of e.exercises) wanted.add(x);
  }
  return wanted;
}
