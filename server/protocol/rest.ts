/**
 * REST payloads, shared by the server and the web app (import type only). Every route is
 * under /api; every mutating request is JSON with the session cookie (HttpOnly,
 * SameSite=Strict) and the header `x-batten-csrf: 1`.
 */

export type Role = 'learner' | 'instructor' | 'admin';
export type ObjectiveState = 'unmet' | 'met' | 'regressed' | 'unknown';

export interface Me {
  id: number;
  username: string;
  displayName: string;
  role: Role;
}

/** POST /api/auth/signup (the first account becomes admin) */
export interface SignupRequest {
  username: string;
  displayName: string;
  password: string;
  /** Joins the event it names; required (except for the first account) when SIGNUP=invite. */
  joinCode?: string;
}
/** POST /api/auth/login */
export interface LoginRequest {
  username: string;
  password: string;
}
// GET /api/auth/me → Me (401 when signed out); POST /api/auth/logout → 204
// POST /api/users/role { username, role } (admin) → Me

/** An error body: every 4xx/5xx answers with this. */
export interface ApiError {
  error: string;
  /** The request field at fault, when there is one. */
  field?: string;
}

/** GET /api/exercises → CatalogEntry[] */
export interface CatalogEntry {
  name: string;
  title: string;
  difficulty?: string;
  tags: string[];
  minutes?: number;
  points: number;
  objectives: number;
  available: boolean;
  unavailableReason?: string;
  broken: boolean;
  problems?: string;
}

/** One exercise of a track: its catalog facts and whether the signed-in user solved it
 * (every objective awarded, in practice or in one of their events). */
export interface TrackStep extends Pick<CatalogEntry, 'name' | 'title' | 'difficulty' | 'minutes' | 'tags' | 'available' | 'unavailableReason' | 'broken'> {
  solved: boolean;
}

/** GET /api/tracks → TrackView[]: curated, ordered lists of exercises (tracks/<name>.yaml).
 * A broken track file is listed with `broken` (its `problems` only for the staff). */
export interface TrackView {
  name: string;
  title: string;
  /** Markdown. */
  description: string;
  exercises: TrackStep[];
  /** How many of `exercises` the signed-in user solved (0 when signed out). */
  solved: number;
  broken: boolean;
  problems?: string;
}

export interface HintView {
  index: number;
  cost: number;
  /** Present once revealed. */
  text?: string;
}

/** One request a probe made as the attacker, and what came back, in words a learner reads:
 * `GET /api/v1/namespaces/bank/secrets as system:anonymous` → `HTTP 200 OK`. */
export interface AttackStep {
  request: string;
  response: string;
}

/** An objective's attack as it stands now, and as it last worked (before the fix). */
export interface AttackView {
  now: AttackStep[];
  /** The transcript of the last evaluation in which the attack still worked; absent when it never did. */
  before?: AttackStep[];
}

export interface ObjectiveView {
  id: string;
  title: string;
  points: number;
  state: ObjectiveState;
  detail: string;
  awarded: boolean;
  hints: HintView[];
  /** Absent until checked, and for objectives whose probes replay no attack. */
  attack?: AttackView;
}

/** GET /api/exercises/:name → ExerciseView (briefing is markdown) */
export interface ExerciseView {
  name: string;
  title: string;
  difficulty: string;
  minutes: number;
  briefing: string;
  objectives: ObjectiveView[];
  completionBonus: number;
}

/** POST /api/exercises/:name/start { eventId?: number } → SessionView (202 while preparing) */
export interface SessionView {
  id: string;
  exercise: string;
  eventId: number;
  /** preparing → ready (terminal attachable) → ended; failed with `error`. */
  status: 'preparing' | 'ready' | 'ended' | 'failed';
  error?: string;
  /** What is happening while preparing, for the progress indicator. */
  step?: string;
  /** The briefing with this learner's own names and values, once their cluster is taken. */
  briefing?: string;
  objectives: ObjectiveView[];
  score: number;
}
// GET /api/sessions/:id → SessionView; DELETE /api/sessions/:id → 204 (ends it)
// POST /api/sessions/:id/hints { objective: string, index: number } → HintView (cost charged once)

export interface EventView {
  id: number;
  name: string;
  startsAt: string;
  endsAt: string;
  exercises: string[];
  /** Only for instructors and admins. */
  joinCode?: string;
  myTeam?: { id: number; name: string };
}
/** POST /api/events (instructor, admin) */
export interface CreateEventRequest {
  name: string;
  startsAt: string;
  endsAt: string;
  exercises: string[];
}
// GET /api/events → EventView[] (the ones I created or joined)
// POST /api/events/join { code } → EventView
// POST /api/events/:id/teams { name } → { id, name } (creates it and puts me in it)
// POST /api/teams/:id/join → { id, name }

export interface Standing {
  id: number;
  name: string;
  score: number;
  rank: number;
  lastScoredAt: string | null;
}
/** GET /api/events/:id/leaderboard (also pushed on the socket) */
export interface Leaderboard {
  eventId: number;
  startsAt: string;
  endsAt: string;
  teams: Standing[];
  individuals: Standing[];
  /** Score over time per team: [ISO time, cumulative score][] */
  series: { id: number; name: string; points: [string, number][] }[];
}
// GET /api/events/:id/leaderboard.csv (instructor, admin) → text/csv

/** GET /api/events/:id/grid (instructor, admin): learners × objectives */
export interface InstructorGrid {
  exercises: { name: string; objectives: { id: string; title: string }[] }[];
  learners: {
    id: number;
    name: string;
    team?: string;
    hintsUsed: number;
    minutes: number;
    states: Record<string, ObjectiveState | 'not-started'>; // key: `${exercise}/${objective}`
    /** Per exercise: the seed of the learner's latest session (their names and passwords). */
    seeds: Record<string, string>;
  }[];
  exerciseTests: { name: string; status: 'passed' | 'failed' | 'unknown'; detail?: string }[];
}

/** GET /api/platform (admins and instructors) → PlatformView: what isolates learners here. */
export interface PlatformView {
  provider: string;
  capabilities: string[];
  /** The provider cannot keep a learner who is admin of their cluster off the host (kind). */
  trustedLearnersOnly: boolean;
  signup: 'open' | 'invite';
}
