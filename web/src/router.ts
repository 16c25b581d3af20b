import { useSyncExternalStore } from 'react';

export type Route =
  | { page: 'catalog' }
  | { page: 'signin' }
  | { page: 'exercise'; name: string; eventId?: number }
  | { page: 'track'; name: string }
  | { page: 'events' }
  | { page: 'leaderboard'; eventId: number }
  | { page: 'instructor'; eventId: number }
  | { page: 'competency'; eventId: number }
  | { page: 'replay'; sessionId: string }
  | { page: 'notfound'; path: string };

/** Parses `#/path?query` into a route. Pure. */
export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?', 2);
  let parts: string[];
  try {
    parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { page: 'notfound', path }; // a malformed %-escape in a hand-typed link
  }
  const params = new URLSearchParams(query);
  const id = (s: string | undefined): number | undefined => (s && /^\d+$/.test(s) ? Number(s) : undefined);
  const [a, b, c] = parts;
  if (parts.length === 0) return { page: 'catalog' };
  if (a === 'signin' && parts.length === 1) return { page: 'signin' };
  if (a === 'exercise' && b && parts.length === 2) {
    const eventId = id(params.get('event') ?? undefined);
    return eventId ? { page: 'exercise', name: b, eventId } : { page: 'exercise', name: b };
  }
  if (a === 'tracks' && b && parts.length === 2) return { page: 'track', name: b };
  if (a === 'events' && parts.length === 1) return { page: 'events' };
  if (a === 'sessions' && b && c === 'replay' && parts.length === 3) return { page: 'replay', sessionId: b };
  const eventId = id(b);
  if (a === 'events' && eventId !== undefined && parts.length === 3) {
    if (c === 'leaderboard') return { page: 'leaderboard', eventId };
    if (c === 'instructor') return { page: 'instructor', eventId };
    if (c === 'report') return { page: 'competency', eventId };
  }
  return { page: 'notfound', path };
}

export const href = {
  catalog: (): string => '#/',
  signin: (): string => '#/signin',
  exercise: (name: string, eventId?: number): string =>
    `#/exercise/${encodeURIComponent(name)}${eventId ? `?event=${eventId}` : ''}`,
  track: (name: string): string => `#/tracks/${encodeURIComponent(name)}`,
  events: (): string => '#/events',
  leaderboard: (eventId: number): string => `#/events/${eventId}/leaderboard`,
  instructor: (eventId: number): string => `#/events/${eventId}/instructor`,
  competency: (eventId: number): string => `#/events/${eventId}/report`,
  replay: (sessionId: string): string => `#/sessions/${encodeURIComponent(sessionId)}/replay`,
};

export function navigate(to: string): void {
  if (location.hash !== to) location.hash = to;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The current hash; components re-render when it changes. */
export function useHash(): string {
  return useSyncExternalStore(subscribe, () => location.hash);
}
