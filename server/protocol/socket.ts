import type { Announcement, InstructorGrid, Leaderboard, ObjectiveView, SessionView } from './rest.ts';

/**
 * socket.io event maps, shared by the server and the web app. The socket authenticates with
 * the session cookie on connect; every payload is validated on the server and a malformed
 * or oversized one is answered with `error`.
 */
export interface ClientToServerEvents {
  /** Attach to my session's terminal; the server answers with terminal:replay. */
  'terminal:attach': (p: { sessionId: string; cols: number; rows: number }) => void;
  'terminal:input': (p: { sessionId: string; data: string }) => void;
  'terminal:resize': (p: { sessionId: string; cols: number; rows: number }) => void;
  /** Flow control: characters rendered since the last ack. */
  'terminal:ack': (p: { sessionId: string; chars: number }) => void;
  /** Follow a session's objectives (mine only). */
  'session:watch': (p: { sessionId: string }) => void;
  /** Follow an event's leaderboard (members, instructors). */
  'leaderboard:watch': (p: { eventId: number }) => void;
  /** Follow an event's instructor grid (its instructors); pushed on every change. */
  'grid:watch': (p: { eventId: number }) => void;
}

export interface ServerToClientEvents {
  'terminal:replay': (p: { sessionId: string; data: string }) => void;
  'terminal:data': (p: { sessionId: string; data: string }) => void;
  'terminal:exit': (p: { sessionId: string; reason: string }) => void;
  'session:update': (p: SessionView) => void;
  'objective:update': (p: { sessionId: string; objective: ObjectiveView }) => void;
  'award': (p: { sessionId: string; objective: string; points: number; bonus: number; score: number }) => void;
  'leaderboard:update': (p: Leaderboard) => void;
  'grid:update': (p: InstructorGrid & { eventId: number }) => void;
  'announcement': (p: Announcement) => void;
  'error': (p: { event: string; error: string }) => void;
}
