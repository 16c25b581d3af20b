import { useCallback, useEffect, useState } from 'react';
import type { HintView, ObjectiveView, SessionView } from '../../server/protocol/rest.ts';
import { ApiRequestError, del, get, post } from './api.ts';
import { getSocket } from './socket.ts';

const POLL_MS = 750;
const storageKey = (name: string, eventId: number): string => `batten.session.${name}.${eventId}`;
const live = (s: SessionView): boolean => s.status === 'preparing' || s.status === 'ready';

// One start per exercise and event at a time (a double click, or React's strict-mode remount).
const inflight = new Map<string, Promise<SessionView>>();

/** My live session for this exercise (kept across reloads), or a new one. */
function startOrResume(name: string, eventId: number, resume: boolean): Promise<SessionView> {
  const key = storageKey(name, eventId);
  const pending = inflight.get(key);
  if (pending) return pending;
  const run = async (): Promise<SessionView> => {
    const saved = resume ? localStorage.getItem(key) : null;
    if (saved) {
      try {
        const s = await get<SessionView>(`/api/sessions/${encodeURIComponent(saved)}`);
        if (live(s)) return s;
      } catch (e) {
        if (!(e instanceof ApiRequestError) || e.status === 0) throw e; // offline: do not start another
      }
    }
    const body = eventId ? { eventId } : {};
    const s = await post<SessionView>(`/api/exercises/${encodeURIComponent(name)}/start`, body);
    localStorage.setItem(key, s.id);
    return s;
  };
  const p = run().finally(() => inflight.delete(key));
  inflight.set(key, p);
  return p;
}

function withObjective(s: SessionView, o: ObjectiveView): SessionView {
  const objectives = s.objectives.some((x) => x.id === o.id)
    ? s.objectives.map((x) => (x.id === o.id ? o : x))
    : [...s.objectives, o];
  return { ...s, objectives };
}

export interface ExerciseSession {
  session: SessionView | undefined;
  /** Starting or loading failed (the session itself failing is `session.status`). */
  error: unknown;
  starting: boolean;
  /** Why the shell ended, once `terminal:exit` arrived. */
  exited: string | undefined;
  /** Hint texts revealed in this page, by `${objective}/${index}`. */
  revealed: Record<string, string>;
  start: () => void;
  end: () => Promise<void>;
  /** A fresh cluster with the exercise's setup (points kept). */
  reset: () => Promise<void>;
  revealHint: (objective: string, index: number) => Promise<void>;
}

/** A learner's session on one exercise: start or resume, follow, end. */
export function useExerciseSession(name: string, eventId = 0): ExerciseSession {
  const [session, setSession] = useState<SessionView>();
  const [error, setError] = useState<unknown>();
  const [starting, setStarting] = useState(false);
  const [exited, setExited] = useState<string>();
  const [revealed, setRevealed] = useState<Record<string, string>>({});

  const begin = useCallback(
    (resume: boolean) => {
      setStarting(true);
      setError(undefined);
      setExited(undefined);
      startOrResume(name, eventId, resume).then(
        (s) => {
          setSession(s);
          setStarting(false);
        },
        (e: unknown) => {
          setError(e);
          setStarting(false);
        },
      );
    },
    [name, eventId],
  );
  useEffect(() => begin(true), [begin]);

  const id = session?.id;
  const status = session?.status;

  // Preparing: poll (session:update also arrives when the server pushes it).
  useEffect(() => {
    if (!id || status !== 'preparing') return;
    const t = setInterval(() => {
      get<SessionView>(`/api/sessions/${encodeURIComponent(id)}`).then(
        (s) => setSession((cur) => (cur?.id === s.id ? s : cur)),
        () => undefined, // a missed poll is retried by the next one
      );
    }, POLL_MS);
    return () => clearInterval(t);
  }, [id, status]);

  useEffect(() => {
    if (session && !live(session)) localStorage.removeItem(storageKey(name, eventId));
  }, [session, name, eventId]);

  // Live objectives, awards and the shell's end, for this session only.
  useEffect(() => {
    if (!id) return;
    const socket = getSocket();
    const watch = (): void => void socket.emit('session:watch', { sessionId: id });
    // this session, or the one that replaced it on a fresh cluster (the learner's reset in
    // another tab, or their instructor's)
    const onUpdate = (s: SessionView): void => {
      if (s.id === id) return setSession(s);
      if (s.exercise !== name || s.eventId !== eventId || !live(s)) return;
      localStorage.setItem(storageKey(name, eventId), s.id);
      setExited(undefined);
      setSession(s);
    };
    const onObjective = (p: { sessionId: string; objective: ObjectiveView }): void =>
      void (p.sessionId === id && setSession((s) => s && withObjective(s, p.objective)));
    const onAward = (p: { sessionId: string; objective: string; score: number }): void => {
      if (p.sessionId !== id) return;
      setSession((s) => s && {
        ...s,
        score: p.score,
        objectives: s.objectives.map((o) => (o.id === p.objective ? { ...o, awarded: true } : o)),
      });
    };
    const onExit = (p: { sessionId: string; reason: string }): void => void (p.sessionId === id && setExited(p.reason));
    socket.on('connect', watch);
    socket.on('session:update', onUpdate);
    socket.on('objective:update', onObjective);
    socket.on('award', onAward);
    socket.on('terminal:exit', onExit);
    if (socket.connected) watch();
    return () => {
      socket.off('connect', watch);
      socket.off('session:update', onUpdate);
      socket.off('objective:update', onObjective);
      socket.off('award', onAward);
      socket.off('terminal:exit', onExit);
    };
  }, [id, status === 'ready', name, eventId]); // re-watch once ready, in case the server only follows ready sessions

  const end = useCallback(async () => {
    if (!id) return;
    await del(`/api/sessions/${encodeURIComponent(id)}`);
    setSession((s) => s && { ...s, status: 'ended' });
  }, [id]);

  const reset = useCallback(async () => {
    if (!id) return;
    const s = await post<SessionView>(`/api/sessions/${encodeURIComponent(id)}/reset`);
    localStorage.setItem(storageKey(name, eventId), s.id);
    setExited(undefined);
    setSession(s);
  }, [id, name, eventId]);

  const revealHint = useCallback(
    async (objective: string, index: number) => {
      if (!id) return;
      const h = await post<HintView>(`/api/sessions/${encodeURIComponent(id)}/hints`, { objective, index });
      if (h.text !== undefined) setRevealed((r) => ({ ...r, [`${objective}/${index}`]: h.text ?? '' }));
      // The cost changes the score: take the server's word for it.
      get<SessionView>(`/api/sessions/${encodeURIComponent(id)}`).then(setSession, () => undefined);
    },
    [id],
  );

  return { session, error, starting, exited, revealed, start: () => begin(false), end, reset, revealHint };
}
