import { eventClock, useNow } from '../time.ts';

/** Time remaining, "starts in …" or "ended"; ticks every second. */
export function EventClock({ startsAt, endsAt }: { startsAt: string; endsAt: string }) {
  const clock = eventClock(startsAt, endsAt, useNow(1000));
  return (
    <span className={`clock clock-${clock.phase}`} data-testid="event-clock" data-phase={clock.phase} role="timer">
      {clock.text}
    </span>
  );
}
