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
  /** The learners' scoreboard stops moving this many minutes before the end (0: never). */
  freezeMinutes: number;
  hintsAllowed: boolean;
  /** Each hint costs its price in the exercise times this. */
  hintCostMultiplier: number;
  /** 'event-end': clusters live until the learner leaves or the event ends (sessions end then);
   * 'completion': also destroyed a minute after the learner completes the exercise. */
  destroyClusters: 'event-end' | 'completion';
  /** Only for instructors and admins. */
  joinCode?: string;
  myTeam?: { id: number; name: string };
}
/** POST /api/events (instructor, admin); the policy fields are optional (defaults: no
 * freeze, hints allowed at their price, clusters kept until the event ends). */
export interface CreateEventRequest {
  name: string;
  startsAt: string;
  endsAt: string;
  exercises: string[];
  freezeMinutes?: number;
  hintsAllowed?: boolean;
  hintCostMultiplier?: number;
  destroyClusters?: EventView['destroyClusters'];
}
/** An instructor's message to every participant of an event (also pushed on the socket). */
export interface Announcement {
  id: number;
  eventId: number;
  text: string;
  at: string;
}
// GET /api/events/:id/announcements → Announcement[] (newest first; members and staff)
// POST /api/events/:id/announcements { text } (the event's instructors) → Announcement
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
  /** Present while the learners' scoreboard is frozen: it counts what was scored before this
   * time (instructors always see the live one). */
  frozenAt?: string;
  teams: Standing[];
  individuals: Standing[];
  /** Score over time per team: [ISO time, cumulative score][] */
  series: { id: number; name: string; points: [string, number][] }[];
}
// GET /api/events/:id/leaderboard.csv (instructor, admin) → text/csv
// Instructor actions on one learner of an event (its instructors; 404 unless a member):
// POST /api/events/:id/learners/:userId/fresh-cluster → SessionView (their running session,
//   on a new cluster with the exercise's setup; awards kept)
// POST /api/events/:id/learners/:userId/extend { minutes } → { extraMinutes }
// POST /api/events/:id/learners/:userId/end-session → 204
// POST /api/sessions/:id/reset (the learner) → SessionView: the same, for one's own session

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
    /** Per exercise: the id of the learner's latest session (for its replay). */
    latestSessions: Record<string, string>;
    /** The learner's running session in this event, if any. */
    session?: { id: string; exercise: string; status: 'preparing' | 'ready' };
    /** Minutes given beyond the event's end. */
    extraMinutes: number;
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

/** How a group of attempts went. An attempt is one learner working on one exercise in one
 * scope (practice or an event): a session, an award or a hint there. Solved means every
 * objective awarded in that scope (the completion rule). */
export interface CompetencyTally {
  attempted: number;
  solved: number;
  /** solved / attempted, 0..1; null when nothing was attempted. */
  solveRate: number | null;
  hints: number;
  /** The points those hints cost. */
  hintPoints: number;
  /** Times an objective, once met, stopped holding (objective results 'regressed'). */
  regressions: number;
  /** Median minutes from the first session start to the solve; null when none is known. */
  medianMinutesToSolve: number | null;
}
/** One OWASP Kubernetes Top 10 category (K01..K10) or CKS domain (cks-*), from exercise tags. */
export interface CompetencyCategory extends CompetencyTally {
  tag: string;
  title: string;
  curriculum: 'owasp' | 'cks';
}
export interface CompetencyExercise extends CompetencyTally {
  name: string;
  tags: string[];
}
/** A learner or a team: the total and the categories and exercises they attempted. */
export interface CompetencySubject {
  id: number;
  name: string;
  /** A learner's team in the event. */
  team?: string;
  total: CompetencyTally;
  categories: CompetencyCategory[];
  exercises: CompetencyExercise[];
}
/** GET /api/events/:id/report (the event's instructors, admins), GET /api/me/report (mine:
 * practice and my events). `room` lists every category and the exercises attempted, the
 * hardest first (lowest solve rate, then most hints and regressions, slowest). */
export interface CompetencyReport {
  scope: { kind: 'event'; eventId: number; name: string } | { kind: 'learner'; userId: number; name: string };
  generatedAt: string;
  room: { total: CompetencyTally; categories: CompetencyCategory[]; exercises: CompetencyExercise[] };
  learners: CompetencySubject[];
  teams: CompetencySubject[];
}
// GET /api/events/:id/report.csv?by=learner|team|category → text/csv (one row per learner ×
// category, team × category, or room category and exercise); GET /api/events/:id/report.json
// → the CompetencyReport as an attachment.

/** One path of a changed object (or one line of a changed file): values as short text,
 * Secret values always `(redacted)`; absent on the side where the path did not exist. */
export interface ReplayDiffLine {
  path: string;
  before?: string;
  after?: string;
}
/** One change a learner made to their cluster (or to the API server's manifest file). */
export interface ReplayEntry {
  at: string;
  verb: 'create' | 'update' | 'delete';
  /** '' with kind 'File' for a node file; `name` is then its path as the learner sees it. */
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  /** The field manager that made it (kubectl-edit, kubectl-client-side-apply, …); '' when unknown (deletes). */
  manager: string;
  diff: ReplayDiffLine[];
  /** Paths left out of `diff` (it is bounded). */
  more: number;
}
/** An objective whose state changed, between the changes that caused it. */
export interface ReplayObjectiveChange {
  at: string;
  objective: string;
  state: ObjectiveState;
  detail: string;
}
export type ReplayItem = ({ type: 'change' } & ReplayEntry) | ({ type: 'objective' } & ReplayObjectiveChange);
/** GET /api/sessions/:id/replay (?download=1: as an attachment): instructors and admins who
 * manage the session's event (practice: admins), or its learner once it has ended. */
export interface ReplayView {
  sessionId: string;
  userId: number;
  exercise: string;
  eventId: number;
  startedAt: string;
  endedAt?: string;
  /** Oldest first. */
  items: ReplayItem[];
  /** Changes not recorded: a session keeps its first entries up to a bound. */
  dropped: number;
  /** The exercise's reference solution with this learner's values, for the staff, and for the
   * learner once they completed the exercise or the event is over. */
  solution?: ReferenceSolution;
  /** Why the solution is not shown yet. */
  solutionHidden?: string;
}

export interface ReferenceSolution {
  /** `solution/` or `solutions/<name>`. */
  name: string;
  /** solution.sh as written, run with `values` as environment variables. */
  script?: string;
  /** The manifests it applies, as YAML, with the learner's values in place. */
  manifests: string[];
  values: Record<string, string>;
}
