/**
 * Fuzzes the real server: REST requests (every route under /api and a few outside, with
 * random methods, damaged paths, mutated bodies and hostile headers), socket.io events on
 * signed-in sockets, raw socket.io/engine.io packets over WebSocket and HTTP long-polling.
 * The server must never exit or log an uncaught error, never answer 5xx, keep answering
 * /healthz, and change no score; afterwards its users still sign in.
 */
import path from 'node:path';
import type { Socket } from 'socket.io-client';
import { openDatabase } from '../../server/db/database.ts';
import { EventStore } from '../../server/events/event-store.ts';
import type { Leaderboard, Me } from '../../server/protocol/rest.ts';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/socket.ts';
import { ScoreStore } from '../../server/scoring/score-store.ts';
import { ApiUser } from './api-client.ts';
import { testConfig } from './clusters.ts';
import { hostileHeader, mutate, mutateText, NASTY_STRINGS, percentEncode, randomString, randomValue, Rng, type HeaderContext } from './fuzz.ts';
import { pollingRun, sessionIdLike, socketRun, websocketRun } from './fuzz-socket.ts';
import { encodeRequest, rawExchange, type RawRequest } from './raw-http.ts';
import { startTestServer } from './server.ts';

export interface ServerFuzzReport {
  messages: number;
  cases: number;
  /** The server exited, logged an uncaught error, or /healthz did not answer. */
  crashes: number;
  server5xx: number;
  /** Honest requests or signed-in sockets left without an answer. */
  hangs: number;
  /** Scores, the leaderboard or a user's sign-in changed. */
  stateChanges: number;
  /** Messages sent per kind of case. */
  byKind: Record<string, number>;
  failures: string[];
  seconds: number;
}

export type Sock = Socket<ServerToClientEvents, ClientToServerEvents>;
export interface User { username: string; password: string; api: ApiUser; me: Me }
/** One concurrent fuzzing client: a user and its own signed-in socket. */
export interface Client { user: User; socket?: Sock }
export type Fail = (kind: keyof ServerFuzzReport, what: string) => void;
export interface Ctx extends HeaderContext { port: number; eventId: number; teamIds: number[]; joinCode: string; users: User[] }

const EXERCISES = ['anonymous-access', 'default-sa-cluster-admin', 'privileged-deployment', 'secrets-unencrypted'];

/** A path segment: the real thing, or something nasty, encoded or not. */
function segment(rng: Rng, real: readonly (string | number)[]): string {
  if (rng.chance(0.6)) return String(rng.pick(real));
  const s = rng.chance(0.5) ? rng.pick(NASTY_STRINGS) : randomString(rng).slice(0, 200);
  return rng.chance(0.6) ? percentEncode(s) : s;
}

/** Every route, with a valid body where it takes one. Event templates name no real exercise
 * and the start route gets no real one: a valid request would start a Kubernetes cluster. */
function routes(c: Ctx, rng: Rng): [string, string, unknown?][] {
  const ev = segment(rng, [c.eventId, c.eventId + 1, 0, -1, 1e308, 'NaN', '0x1', '1.5', '9'.repeat(40)]);
  const sid = segment(rng, [sessionIdLike(rng)]);
  const now = Date.now();
  return [
    ['POST', '/api/auth/signup', { username: 'fuzz-newcomer', displayName: 'Newcomer', password: 'newcomer-password-1' }],
    ['POST', '/api/auth/login', { username: 'nobody', password: 'wrong-password-1' }],
    ['POST', '/api/auth/logout'],
    ['GET', '/api/auth/me'],
    ['POST', '/api/users/role', { username: 'fuzz-bystander', role: 'instructor' }],
    ['GET', '/api/exercises'],
    ['GET', `/api/exercises/${segment(rng, EXERCISES)}`],
    ['POST', `/api/exercises/${segment(rng, ['no-such-exercise'])}/start`, { eventId: c.eventId }],
    ['GET', `/api/sessions/${sid}`],
    ['DELETE', `/api/sessions/${sid}`],
    ['POST', `/api/sessions/${sid}/hints`, { objective: 'anonymous-cannot-read-secrets', index: 0 }],
    ['GET', '/api/events'],
    ['POST', '/api/events', { name: 'Fuzz night', startsAt: new Date(now).toISOString(), endsAt: new Date(now + 3_600_000).toISOString(), exercises: ['no-such-exercise'] }],
    ['POST', '/api/events/join', { code: c.joinCode }],
    ['POST', `/api/events/${ev}/teams`, { name: 'green' }],
    ['POST', `/api/teams/${segment(rng, [...c.teamIds, 0, 999])}/join`],
    ['GET', `/api/events/${ev}/leaderboard`],
    ['GET', `/api/events/${ev}/leaderboard.csv`],
    ['GET', `/api/events/${ev}/grid`],
    ['GET', '/api/pool'],
    ['GET', '/api/nothing-here'],
    ['GET', '/healthz'],
    ['GET', '/metrics'],
    ['GET', '/status'],
    ['GET', '/'],
  ];
}

const PATH_DAMAGE: ((p: string, rng: Rng) => string)[] = [
  (p) => p + '/',
  (p) => p.replace('/api/', '/api//'),
  (p) => p.toUpperCase(),
  (p) => `${p}/../../../etc/passwd`,
  (p) => `${p}/%2e%2e/%2e%2e/`,
  (p) => p.replace(/\//g, '%2F'),
  (p) => `${p}%00`,
  (p) => `${p};x=1`,
  (p) => `${p}#frag`,
  (p) => `${p}/${'a'.repeat(8000)}`,
  (p, rng) => `${p}?${rng.pick(['__proto__[polluted]=1', 'constructor[prototype][x]=1', 'a[b][c][d][e][f]=1', '&'.repeat(2000), 'x=%E0%A4%A', `q=${percentEncode(randomString(rng).slice(0, 500))}`])}`,
  (p) => `http://evil.example${p}`,
  (p) => p.replace(/[a-z]/, (ch) => `%${ch.charCodeAt(0).toString(16)}`),
  (p) => p.replace('/api', '/api/%c0%ae%c0%ae'),
  (p) => `${p}%`, // a broken %-escape in the last segment (often a route parameter)
  (p) => p.replace(/^(\/api\/\w+\/)/, '$1%E0%A4%A'),
];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'PROPFIND', 'CONNECT', 'get', 'POST ', 'G\u0000T', 'BREW'];

/** The path as raw, once and twice decoded, for the guard below. */
function decodings(s: string): string {
  const out = [s];
  try {
    out.push(decodeURIComponent(s));
    out.push(decodeURIComponent(out[1]!));
  } catch {
    // as far as it decodes
  }
  return out.join(' ');
}

/** A request to a route: mostly plausible, always a little wrong. `honest` is false when the
 * framing lies on purpose (then no answer is a fine answer). */
export function restCase(rng: Rng, c: Ctx, user: User): { req: RawRequest; honest: boolean } {
  const [method0, path0, template] = rng.pick(routes(c, rng));
  const method = rng.chance(0.85) ? method0 : rng.pick(METHODS);
  const pathname = rng.chance(0.3) ? rng.pick(PATH_DAMAGE)(path0, rng) : path0;
  let body: Buffer | undefined;
  const r = rng.next();
  if (template !== undefined && r < 0.6) body = Buffer.from(JSON.stringify(mutate(rng, template)));
  else if (template !== undefined && r < 0.7) body = Buffer.from(JSON.stringify(template));
  else if (r < 0.8) body = Buffer.from(mutateText(rng, JSON.stringify(template ?? randomValue(rng)) ?? ''));
  else if (r < 0.9) body = Buffer.from(JSON.stringify(randomValue(rng)) ?? '');
  else if (r < 0.95) body = Buffer.from(Array.from({ length: rng.int(2048) }, () => rng.int(256)));
  // Never sign the fuzzer's own users out: a logout with a real cookie is not hostile input.
  const cookies = /logout/i.test(decodings(pathname)) ? ['batten_session=not-a-session'] : c.cookies;
  const h: HeaderContext = { origin: c.origin, cookies };
  const headers: [string, string][] = [];
  const add = (name: string, values: string[]) => values.forEach((v) => headers.push([name, v]));
  add('Host', rng.chance(0.95) ? [`127.0.0.1:${c.port}`] : rng.pick([[], ['evil.example'], [`127.0.0.1:${c.port}`, 'evil.example'], [randomString(rng)]]));
  add('Cookie', hostileHeader(rng, 'cookie', h, cookies === c.cookies ? user.api.cookie : undefined));
  add('Origin', hostileHeader(rng, 'origin', h, undefined));
  add('Content-Type', hostileHeader(rng, 'content-type', h, body ? 'application/json' : undefined));
  add('X-Forwarded-For', hostileHeader(rng, 'x-forwarded-for', h, undefined));
  add('X-Batten-CSRF', rng.chance(0.85) ? ['1'] : rng.pick([[], ['0'], ['1', '1'], ['true']]));
  if (rng.chance(0.1)) add(rng.pick(['Content-Encoding', 'Accept', 'Accept-Encoding', 'Range', 'If-None-Match', 'Expect', 'Authorization']), [rng.pick(['gzip', 'br', 'deflate', 'x-garbage', 'identity', 'bytes=0-0,5-1', '*', 'Bearer x', '100-continue', randomString(rng)])]);
  add('Connection', ['close']);
  const honest = rng.chance(0.96);
  const clean = (v: string) => (honest ? v.replace(/[\r\n]/g, '') : v);
  const req: RawRequest = { method, path: pathname, headers: headers.map(([k, v]) => [k, clean(v)]), body, encoding: rng.chance(0.8) ? 'latin1' : 'utf8' };
  if (!honest) {
    const len = body?.length ?? 0;
    const lies: [string, string][][] = [
      [['Content-Length', String(len + 1 + rng.int(100))]], // the server waits for bytes that never come
      [['Content-Length', String(Math.max(0, len - 1))]],
      [['Content-Length', '-1']],
      [['Content-Length', '1e3']],
      [['Transfer-Encoding', 'chunked']],
      [['Transfer-Encoding', 'chunked'], ['Content-Length', String(len)]],
      [['X-Injected', 'a\r\nContent-Length: 5']],
    ];
    req.headers.push(...rng.pick(lies));
  }
  return { req, honest };
}

async function restRun(rng: Rng, c: Ctx, { user }: Client, fail: Fail): Promise<number> {
  const { req, honest } = restCase(rng, c, user);
  const { status } = await rawExchange(c.port, encodeRequest(req), { timeoutMs: honest ? 15_000 : 3_000 });
  const what = () => `${req.method} ${req.path.slice(0, 200)} headers=${JSON.stringify(req.headers).slice(0, 400)} body=${JSON.stringify(req.body?.toString('utf8').slice(0, 300))}`;
  if (typeof status === 'number' && status >= 500) fail('server5xx', `${status} for ${what()}`);
  if (status === 'timeout' && honest) fail('hangs', `no answer in 15 s to ${what()}`);
  return 1;
}

/** Users, an event with teams and scores: the state that must come out unchanged. */
async function prepare(base: string, port: number, dataDir: string): Promise<Ctx & { db: ReturnType<typeof openDatabase> }> {
  const users: User[] = [];
  for (const [username, password] of [['fuzz-admin', 'admin-password-1'], ['fuzz-ada', 'ada-password-1'], ['fuzz-bob', 'bob-password-1'], ['fuzz-bystander', 'bystander-password-1']] as const) {
    const api = new ApiUser(base);
    const r = await api.call<Me>('POST', '/api/auth/signup', { username, displayName: username, password });
    if (r.status !== 201) throw new Error(`signup of ${username}: ${r.status} ${r.text}`);
    users.push({ username, password, api, me: r.body });
  }
  const [admin, ada, bob] = users as [User, User, User];
  const db = openDatabase(path.join(dataDir, 'batten.db'));
  // Created in the store, not over REST: POST /api/events pre-warms a cluster for its exercises.
  const now = Date.now();
  const event = new EventStore(db).create(admin.me, { name: 'Fuzz', startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), exercises: ['anonymous-access'] });
  for (const u of [admin, ada, bob]) await u.api.call('POST', '/api/events/join', { code: event.joinCode });
  const teamIds: number[] = [];
  for (const [u, name] of [[ada, 'blue'], [bob, 'red']] as const) teamIds.push((await u.api.call<{ id: number }>('POST', `/api/events/${event.id}/teams`, { name })).body.id);
  const store = new ScoreStore(db);
  const exercise = { objectiveIds: ['anonymous-cannot-read-secrets', 'anonymous-cannot-list-pods'], completionBonus: 0 };
  store.awardObjective({ userId: ada.me.id, eventId: event.id, exercise: 'anonymous-access' }, { id: 'anonymous-cannot-read-secrets', points: 100 }, exercise);
  store.awardObjective({ userId: bob.me.id, eventId: event.id, exercise: 'anonymous-access' }, { id: 'anonymous-cannot-list-pods', points: 50 }, exercise);
  store.revealHint({ userId: bob.me.id, eventId: event.id, exercise: 'anonymous-access' }, 'anonymous-cannot-read-secrets', 0, 10);
  store.awardObjective({ userId: ada.me.id, eventId: 0, exercise: 'anonymous-access' }, { id: 'anonymous-cannot-list-pods', points: 50 }, exercise);
  return { port, origin: base, eventId: event.id, joinCode: event.joinCode!, teamIds, users: [admin, ada, bob], cookies: users.map((u) => u.api.cookie), db };
}

/** Every award and hint charge, each original member's standing, and the teams' total. */
async function scores(c: Ctx & { db: ReturnType<typeof openDatabase> }): Promise<string> {
  const ledger = c.db.prepare('SELECT (SELECT COUNT(*) || \':\' || TOTAL(points) FROM awards) AS awards, (SELECT COUNT(*) || \':\' || TOTAL(cost) FROM hint_reveals) AS hints').get();
  const lb = (await c.users[0]!.api.call<Leaderboard>('GET', `/api/events/${c.eventId}/leaderboard`)).body;
  const members = c.users.map((u) => lb.individuals?.find((s) => s.id === u.me.id)).map((s) => s && { id: s.id, name: s.name, score: s.score });
  const teams = lb.teams?.reduce((sum, t) => sum + t.score, 0);
  return JSON.stringify({ ledger, members, teams });
}

/** Signs in from another loopback address, so the fuzzer's failed sign-ins do not rate-limit it. */
async function canSignIn(port: number, u: User): Promise<boolean> {
  const body = Buffer.from(JSON.stringify({ username: u.username, password: u.password }));
  const headers: [string, string][] = [['Host', `127.0.0.1:${port}`], ['Content-Type', 'application/json'], ['X-Batten-CSRF', '1'], ['Connection', 'close']];
  const r = await rawExchange(port, encodeRequest({ method: 'POST', path: '/api/auth/login', headers, body }), { timeoutMs: 15_000, full: true, localAddress: '127.0.0.2' });
  const cookie = /set-cookie: (batten_session=[^;]+)/i.exec(r.text)?.[1];
  if (r.status !== 200 || !cookie) return false;
  const me = await rawExchange(port, encodeRequest({ method: 'GET', path: '/api/auth/me', headers: [['Host', `127.0.0.1:${port}`], ['Cookie', cookie], ['Connection', 'close']] }), { timeoutMs: 15_000, full: true });
  return me.status === 200 && me.text.includes(`"username":"${u.username}"`);
}

/** Cumulative shares of the cases: REST requests are the most, socket batches the most messages. */
const KINDS = [
  [0.6, restRun],
  [0.75, socketRun],
  [0.9, websocketRun],
  [1, pollingRun],
] as const;

/** Runs fuzz cases against a fresh real server until `messages` are sent or time is up. */
export async function fuzzServer(o: { seed: number; messages: number; timeLimitMs: number; concurrency?: number; log?: (line: string) => void }): Promise<ServerFuzzReport> {
  const t0 = Date.now();
  const dataDir = testConfig().BATTEN_DATA_DIR;
  const server = await startTestServer({ POOL_SIZE: '0', BATTEN_DATA_DIR: dataDir, LOG_LEVEL: 'error' });
  const report: ServerFuzzReport = { messages: 0, cases: 0, crashes: 0, server5xx: 0, hangs: 0, stateChanges: 0, byKind: {}, failures: [], seconds: 0 };
  const fail = (kind: keyof ServerFuzzReport, what: string) => {
    (report[kind] as number)++;
    if (report.failures.length < 50) report.failures.push(`[${kind}] ${what}`);
  };
  let exited = false;
  let stopping = false;
  void server.server.exited.then((code) => {
    exited = true;
    if (!stopping) fail('crashes', `the server exited with ${code}: ${server.server.out.stderr.slice(-2000)}`);
  });
  try {
    const c = await prepare(server.base, server.port, dataDir);
    const before = await scores(c);
    const deadline = t0 + o.timeLimitMs;
    const rng = new Rng(o.seed);
    let nextCase = 0;
    let running = true;
    const health = (async () => {
      while (running && !exited) {
        const ok = await fetch(`${server.base}/healthz`, { signal: AbortSignal.timeout(15_000) }).then((r) => r.status === 200, () => false);
        if (!ok && !exited) fail('crashes', `/healthz did not answer 200 (after case ${nextCase})`);
        await new Promise((r) => setTimeout(r, 1000));
      }
    })();
    const clients: Client[] = Array.from({ length: o.concurrency ?? 16 }, (_, w) => ({ user: c.users[w % c.users.length]! }));
    const worker = async (client: Client) => {
      while (!exited && report.messages < o.messages && Date.now() < deadline) {
        const i = nextCase++;
        const r = rng.fork(i);
        const x = r.next();
        const run = KINDS.find(([p]) => x < p)![1];
        const failCase: Fail = (kind, what) => fail(kind, `case ${i} (FUZZ_SEED=${o.seed}, ${run.name}, as ${client.user.username}): ${what}`);
        const sent = await run(r, c, client, failCase);
        report.messages += sent;
        report.byKind[run.name] = (report.byKind[run.name] ?? 0) + sent;
        report.cases++;
        if (report.cases % 2000 === 0) o.log?.(`fuzz: ${report.cases} cases, ${report.messages} messages, ${Math.round((Date.now() - t0) / 1000)} s`);
      }
    };
    await Promise.all(clients.map(worker));
    running = false;
    await health;
    for (const client of clients) client.socket?.disconnect();
    if (!exited) {
      const after = await scores(c);
      if (after !== before) fail('stateChanges', `scores changed:\n  before ${before}\n  after  ${after}`);
      for (const u of c.users) if (!(await canSignIn(c.port, u))) fail('stateChanges', `${u.username} can no longer sign in`);
    }
    c.db.close();
    const logged = server.server.out.stdout.split('\n').filter((l) => l.includes('"level":50'));
    for (const line of logged) if (/uncaught exception|unhandled rejection/.test(line)) fail('crashes', `the server logged: ${line.slice(0, 1000)}`);
    if (report.server5xx > 0) report.failures.push(...logged.slice(0, 5).map((l) => `[server log] ${l.slice(0, 500)}`));
  } finally {
    stopping = true;
    if (!exited) await server.stop();
  }
  report.seconds = (Date.now() - t0) / 1000;
  return report;
}
