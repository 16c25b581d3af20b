import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import { sessionId as sessionIdOf, type UserStore } from '../auth/user-store.ts';
import type { EventStore } from '../events/event-store.ts';
import type { InstructorGrid, Me } from '../protocol/rest.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../protocol/socket.ts';
import type { SessionManager } from '../sessions/session-manager.ts';
import { sessionToken } from './cookies.ts';
import { sameOrigin } from './origin.ts';
import { TokenBucket } from './rate-limit.ts';

/** Per socket: who, and which signed-in session it was opened with (its sessionId). */
interface SocketData {
  user: Me;
  session: string;
}
type IO = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type Sock = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

const sessionId = z.string().regex(/^[a-z0-9]{6,40}$/);
const size = { cols: z.number().int().min(10).max(500), rows: z.number().int().min(4).max(200) };
const SCHEMAS = {
  'terminal:attach': z.strictObject({ sessionId, ...size }),
  'terminal:input': z.strictObject({ sessionId, data: z.string().min(1).max(16_384) }),
  'terminal:resize': z.strictObject({ sessionId, ...size }),
  'terminal:ack': z.strictObject({ sessionId, chars: z.number().int().min(0).max(1 << 30) }),
  'session:watch': z.strictObject({ sessionId }),
  'leaderboard:watch': z.strictObject({ eventId: z.number().int().min(1) }),
  'grid:watch': z.strictObject({ eventId: z.number().int().min(1) }),
} satisfies Record<keyof ClientToServerEvents, z.ZodType>;

export interface SocketDeps {
  users: Pick<UserStore, 'userForToken' | 'onSessionsEnded'>;
  events: EventStore;
  sessions: Pick<SessionManager, 'terminal' | 'get' | 'endUser'>;
  /** The instructor grid of an event. */
  grid: (eventId: number) => InstructorGrid | undefined;
  onError: (err: unknown) => void;
}

/** Rooms: the learners' leaderboard of an event (frozen near the end), its staff's live one,
 * and its instructor grid. */
export const rooms = {
  leaderboard: (eventId: number) => `event:${eventId}`,
  staffLeaderboard: (eventId: number) => `event-staff:${eventId}`,
  grid: (eventId: number) => `grid:${eventId}`,
  user: (userId: number) => `user:${userId}`,
};

/**
 * socket.io: authenticated from the session cookie on connect (same-origin only), one room
 * per user and per event; every payload validated and rate-limited. A malformed, oversized
 * or unauthorized message gets an `error` event and changes nothing.
 */
export function createSocketServer(http: HttpServer, d: SocketDeps): IO {
  const io: IO = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, cb) => cb(null, sameOrigin(req.headers.origin, req.headers.host)), // no cross-site WebSocket hijacking
  });
  // engine.io answers 500 to other methods on a polling session: refuse them first.
  io.engine.use((req: { method?: string }, _res: unknown, next: (err?: Error) => void) => next(req.method === 'GET' || req.method === 'POST' ? undefined : new Error('method not allowed')));
  io.use((socket, next) => {
    const token = sessionToken(socket.request.headers.cookie);
    const user = d.users.userForToken(token);
    if (!user || !token) return next(new Error('sign in first'));
    socket.data.user = user;
    socket.data.session = sessionIdOf(token);
    next();
  });
  // A socket lives as long as the session it was opened with: when that session ends (the
  // password changed in another browser, an admin's reset, the account disabled) the socket
  // is cut, and a disabled account's exercise sessions end too (its terminal's processes and
  // its checker), so that nothing it left running changes a cluster or scores for it.
  d.users.onSessionsEnded((e) => {
    for (const socket of io.of('/').sockets.values()) {
      if (socket.data.user?.id === e.userId && socket.data.session !== e.except) socket.disconnect(true);
    }
    if (e.disabled) d.sessions.endUser(e.userId).catch(d.onError);
  });
  io.on('connection', (socket: Sock) => {
    const me = socket.data.user;
    void socket.join(`user:${me.id}`);
    const bucket = new TokenBucket(400, 800); // keystrokes and acks come fast; a flood does not
    const detachers = new Map<string, () => void>();
    const on = <E extends keyof ClientToServerEvents>(event: E, handle: (p: z.infer<(typeof SCHEMAS)[E]>) => void) => {
      socket.on(event as never, (raw: unknown) => {
        if (!bucket.take()) return void socket.emit('error', { event, error: 'slow down: too many messages' });
        const parsed = SCHEMAS[event].safeParse(raw);
        if (!parsed.success) return void socket.emit('error', { event, error: `malformed ${event}: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
        try {
          handle(parsed.data as never);
        } catch (e) {
          socket.emit('error', { event, error: (e as Error).message });
        }
      });
    };

    on('terminal:attach', (p) => {
      const term = d.sessions.terminal(me, p.sessionId);
      if (!term) return void socket.emit('error', { event: 'terminal:attach', error: 'the terminal is not ready' });
      detachers.get(p.sessionId)?.();
      term.resize(p.cols, p.rows);
      const { replay, detach } = term.attach((data) => socket.emit('terminal:data', { sessionId: p.sessionId, data }));
      detachers.set(p.sessionId, detach);
      socket.emit('terminal:replay', { sessionId: p.sessionId, data: replay });
    });
    on('terminal:input', (p) => d.sessions.terminal(me, p.sessionId)?.write(p.data));
    on('terminal:resize', (p) => d.sessions.terminal(me, p.sessionId)?.resize(p.cols, p.rows));
    on('terminal:ack', (p) => d.sessions.terminal(me, p.sessionId)?.ack(p.chars));
    on('session:watch', (p) => {
      socket.emit('session:update', d.sessions.get(me, p.sessionId)); // throws for someone else's
      void socket.join(`session:${p.sessionId}`);
    });
    on('leaderboard:watch', (p) => {
      if (!d.events.canSee(p.eventId, me)) throw new Error('no such event');
      const staff = d.events.canManage(p.eventId, me);
      void socket.join(staff ? rooms.staffLeaderboard(p.eventId) : rooms.leaderboard(p.eventId));
      const lb = d.events.leaderboard(p.eventId, staff ? 'staff' : 'learners');
      if (lb) socket.emit('leaderboard:update', lb);
    });
    on('grid:watch', (p) => {
      if (!d.events.canManage(p.eventId, me)) throw new Error('only the event’s instructors may watch its grid');
      const grid = d.grid(p.eventId);
      if (!grid) throw new Error('no such event');
      void socket.join(rooms.grid(p.eventId));
      socket.emit('grid:update', { eventId: p.eventId, ...grid });
    });
    socket.on('disconnect', () => {
      for (const detach of detachers.values()) detach();
      detachers.clear();
    });
  });
  return io;
}
