/**
 * Fakes for the web unit tests. Only the network boundary is faked: `fetch` (a fake
 * server answering by method and path) and the socket.io client (a fake socket whose
 * "server" side the test drives). Plus small fixtures for the wire types.
 *
 * Use the fake socket with, at the top of a test file:
 *   vi.mock('socket.io-client', async () => ({ io: (await import('./test-support.tsx')).fakeIo }));
 */
import { vi } from 'vitest';
import type {
  CatalogEntry,
  EventView,
  HintView,
  Leaderboard,
  Me,
  ObjectiveView,
  SessionView,
  Standing,
} from '../../server/protocol/rest.ts';

// ---------------------------------------------------------------------------- fetch

export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

/** What the fake server answers: a status and a JSON body, or the network failing. */
export type FakeReply = { status: number; body?: unknown; statusText?: string; raw?: string } | 'network-error';
type Handler = FakeReply | ((req: FakeRequest) => FakeReply | Promise<FakeReply>);

export const ok = (body?: unknown): FakeReply => ({ status: body === undefined ? 204 : 200, body });
export const fail = (status: number, error: string, field?: string): FakeReply => ({ status, body: { error, field } });

/** A minimal `Response` as `api.ts` reads it (status, ok, text, json). */
function fakeResponse(reply: Exclude<FakeReply, 'network-error'>): Response {
  const text = reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  return {
    status: reply.status,
    statusText: reply.statusText ?? '',
    ok: reply.status >= 200 && reply.status < 300,
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  } as unknown as Response;
}

export interface FakeServer {
  /** Every request the app made, in order. */
  requests: FakeRequest[];
  /** Answer `METHOD /path` with a reply (or a function of the request) from now on. */
  on: (method: string, path: string, reply: Handler) => FakeServer;
  /** The requests made to `METHOD /path`. */
  calls: (method: string, path: string) => FakeRequest[];
}

/** Stubs the global `fetch` with a fake server; unknown routes answer 404. Undo with vi.unstubAllGlobals(). */
export function fakeServer(): FakeServer {
  const routes = new Map<string, Handler>();
  const requests: FakeRequest[] = [];
  const fakeFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const method = init?.method ?? 'GET';
    const path = String(input);
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const req: FakeRequest = { method, path, headers: { ...(init?.headers as Record<string, string>) }, body };
    requests.push(req);
    const handler = routes.get(`${method} ${path}`);
    const reply = typeof handler === 'function' ? await handler(req) : (handler ?? fail(404, `no fake route for ${method} ${path}`));
    if (reply === 'network-error') throw new TypeError('Failed to fetch');
    return fakeResponse(reply);
  };
  vi.stubGlobal('fetch', vi.fn(fakeFetch));
  const server: FakeServer = {
    requests,
    on: (method, path, reply) => {
      routes.set(`${method} ${path}`, reply);
      return server;
    },
    calls: (method, path) => requests.filter((r) => r.method === method && r.path === path),
  };
  return server;
}

/** A promise settled by the test, to hold a request open (busy states). */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

// ---------------------------------------------------------------------------- socket.io

type Listener = (payload?: unknown) => void;

/** A stand-in for the socket.io client socket: records what the app emits; the test plays the server. */
export class FakeSocket {
  connected = true;
  /** Messages the app sent, in order. */
  sent: { event: string; payload: unknown }[] = [];
  disconnects = 0;
  private listeners = new Map<string, Set<Listener>>();

  on(event: string, fn: Listener): this {
    if (!this.listeners.has(event)) this.listeners.set(event, new Set());
    this.listeners.get(event)?.add(fn);
    return this;
  }

  off(event: string, fn: Listener): this {
    this.listeners.get(event)?.delete(fn);
    return this;
  }

  emit(event: string, payload?: unknown): this {
    this.sent.push({ event, payload });
    return this;
  }

  disconnect(): this {
    this.disconnects += 1;
    this.connected = false;
    return this;
  }

  /** The server sends `event` (or the client fires `connect`/`disconnect`). */
  serverSends(event: string, payload?: unknown): void {
    for (const fn of [...(this.listeners.get(event) ?? [])]) fn(payload);
  }

  listenerCount(event: string): number {
    return this.listeners.get(event)?.size ?? 0;
  }

  /** What the app emitted for `event`. */
  sentOf(event: string): unknown[] {
    return this.sent.filter((m) => m.event === event).map((m) => m.payload);
  }

  reset(): void {
    this.connected = true;
    this.sent = [];
    this.disconnects = 0;
    this.listeners.clear();
  }
}

export const fakeSocket = new FakeSocket();
/** The fake `io()` from socket.io-client: always the one fake socket. */
export const fakeIo = vi.fn(() => fakeSocket);

// ---------------------------------------------------------------------------- fixtures

export const aLearner = (o: Partial<Me> = {}): Me => ({ id: 1, username: 'ada', displayName: 'Ada L', role: 'learner', ...o });

export const aHint = (o: Partial<HintView> = {}): HintView => ({ index: 0, cost: 5, ...o });

export const anObjective = (o: Partial<ObjectiveView> = {}): ObjectiveView => ({
  id: 'no-privileged',
  title: 'No privileged pods',
  points: 10,
  state: 'unmet',
  detail: '',
  awarded: false,
  hints: [],
  ...o,
});

export const aSession = (o: Partial<SessionView> = {}): SessionView => ({
  id: 's-1',
  exercise: 'pod-escape',
  eventId: 0,
  status: 'ready',
  objectives: [anObjective()],
  score: 0,
  ...o,
});

export const anEntry = (o: Partial<CatalogEntry> = {}): CatalogEntry => ({
  name: 'pod-escape',
  title: 'Pod escape',
  difficulty: 'Easy',
  tags: ['pods'],
  minutes: 20,
  points: 30,
  objectives: 3,
  available: true,
  broken: false,
  ...o,
});

export const anEvent = (o: Partial<EventView> = {}): EventView => ({
  id: 7,
  name: 'Spring CTF',
  startsAt: '2030-01-01T10:00:00.000Z',
  endsAt: '2030-01-01T12:00:00.000Z',
  exercises: [],
  freezeMinutes: 0,
  hintsAllowed: true,
  hintCostMultiplier: 1,
  destroyClusters: 'event-end',
  ...o,
});

export const aStanding = (o: Partial<Standing> = {}): Standing => ({ id: 1, name: 'Red', score: 0, rank: 1, lastScoredAt: null, ...o });

export const aBoard = (o: Partial<Leaderboard> = {}): Leaderboard => ({
  eventId: 7,
  startsAt: '2030-01-01T10:00:00.000Z',
  endsAt: '2030-01-01T12:00:00.000Z',
  teams: [],
  individuals: [],
  series: [],
  ...o,
});
