import { useEffect, useState } from 'react';

/** "1d 02:03:04", "02:03:04" or "03:04" for a duration. Pure. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const hms = h > 0 || d > 0 ? `${pad(h)}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  return d > 0 ? `${d}d ${hms}` : hms;
}

export type ClockPhase = 'upcoming' | 'running' | 'ended';

/** The event clock's text at `now`. Pure. */
export function eventClock(startsAt: string, endsAt: string, now: number): { phase: ClockPhase; text: string } {
  const start = Date.parse(startsAt);
  const end = Date.parse(endsAt);
  if (now < start) return { phase: 'upcoming', text: `starts in ${formatDuration(start - now)}` };
  if (now < end) return { phase: 'running', text: `${formatDuration(end - now)} remaining` };
  return { phase: 'ended', text: 'ended' };
}

/** `Date` → the value of an <input type="datetime-local"> (local time, minutes). */
export function toLocalInput(d: Date): string {
  const local = new Date(d.getTime() - d.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

/** The value of an <input type="datetime-local"> → ISO 8601 (UTC); undefined when empty or bad. */
export function fromLocalInput(v: string): string | undefined {
  const t = new Date(v).getTime();
  return v && Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The current time, refreshed every `intervalMs`. */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(t);
  }, [intervalMs]);
  return now;
}
