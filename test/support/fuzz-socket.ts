/**
 * The socket side of the server fuzzer: batches of mutated events on signed-in socket.io
 * clients, and raw engine.io/socket.io packets over WebSocket and HTTP long-polling.
 */
import type { Socket as NetSocket } from 'node:net';
import type { ClientToServerEvents } from '../../server/protocol/socket.ts';
import { hostileHeader, mutate, mutateText, percentEncode, randomString, randomValue, Rng, socketIoPacket, type HeaderContext } from './fuzz.ts';
import type { Client, Ctx, Fail, Sock } from './fuzz-server.ts';
import { encodeRequest, rawExchange, wsFrame, type RawRequest } from './raw-http.ts';

export const sessionIdLike = (rng: Rng) => `s${rng.int(2 ** 31).toString(36)}${rng.int(2 ** 31).toString(36)}`;

/** Valid payloads of every client event (the type keeps the list complete). */
const socketTemplates = (c: Ctx, rng: Rng): { [E in keyof ClientToServerEvents]: Parameters<ClientToServerEvents[E]>[0] } => {
  const sessionId = sessionIdLike(rng);
  return {
    'terminal:attach': { sessionId, cols: 80, rows: 24 },
    'terminal:input': { sessionId, data: 'kubectl get pods\n' },
    'terminal:resize': { sessionId, cols: 120, rows: 40 },
    'terminal:ack': { sessionId, chars: 1024 },
    'session:watch': { sessionId },
    'leaderboard:watch': { eventId: c.eventId },
    'grid:watch': { eventId: c.eventId },
  };
};

/** The client's signed-in socket, connected anew after the server dropped it. */
async function connected(client: Client): Promise<Sock> {
  if (client.socket?.connected) return client.socket;
  client.socket?.disconnect();
  const s = client.user.api.socket();
  client.socket = s;
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('no connect in 15 s')), 15_000);
    s.once('connect', () => (clearTimeout(t), resolve()));
    s.once('connect_error', (e) => (clearTimeout(t), reject(e)));
  });
  return s;
}

/** Resolves when the server answers a leaderboard:watch (or drops the socket). */
function ping(s: Sock, eventId: number): Promise<'answered' | 'dropped' | 'silent'> {
  return new Promise((resolve) => {
    const done = (r: 'answered' | 'dropped' | 'silent') => {
      clearTimeout(t);
      s.off('leaderboard:update', answered).off('error', errored).off('disconnect', dropped);
      resolve(r);
    };
    const answered = () => done('answered');
    const errored = (e: { event: string }) => e.event === 'leaderboard:watch' && done('answered');
    const dropped = () => done('dropped');
    const t = setTimeout(() => done(s.connected ? 'silent' : 'dropped'), 15_000);
    s.on('leaderboard:update', answered).on('error', errored).on('disconnect', dropped);
    s.emit('leaderboard:watch', { eventId });
  });
}

const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

export async function socketRun(rng: Rng, c: Ctx, client: Client, fail: Fail): Promise<number> {
  const { user } = client;
  let s: Sock;
  try {
    s = await connected(client);
  } catch (e) {
    fail('hangs', `${user.username} could not connect a socket: ${(e as Error).message}`);
    return 0;
  }
  const templates = socketTemplates(c, rng);
  const names = Object.keys(templates) as (keyof ClientToServerEvents)[];
  const sent: string[] = [];
  for (let n = 5 + rng.int(25); n > 0 && s.connected; n--) {
    const known = rng.chance(0.85);
    const name = known ? rng.pick(names) : rng.pick(['award', 'objective:update', 'terminal:data', '__proto__', 'constructor', 'hasOwnProperty', 'error', 'x'.repeat(10_000), randomString(rng)]);
    if (RESERVED.has(name)) continue;
    const valid = known ? templates[name as keyof ClientToServerEvents] : { sessionId: sessionIdLike(rng) };
    const r = rng.next();
    const args = r < 0.7 ? [mutate(rng, valid)] : r < 0.8 ? [valid] : r < 0.9 ? [randomValue(rng)] : r < 0.95 ? [Buffer.from(randomString(rng)), { sessionId: valid }] : [valid, randomValue(rng), () => undefined];
    try {
      (s.emit as (e: string, ...a: unknown[]) => void)(name, ...args);
    } catch {
      continue; // the client refused to encode it (too deep for its JSON.stringify)
    }
    sent.push(`${name.slice(0, 40)} ${JSON.stringify(args[0])?.slice(0, 120)}`);
  }
  const answer = await ping(s, c.eventId);
  if (answer === 'silent') fail('hangs', `a signed-in socket of ${user.username} stopped answering after: ${sent.join(' | ').slice(0, 1500)}`);
  return sent.length;
}

/** A raw WebSocket: hostile upgrade headers, then engine.io/socket.io packets and broken frames. */
export async function websocketRun(rng: Rng, c: Ctx, { user }: Client, fail: Fail): Promise<number> {
  const h: HeaderContext = { origin: c.origin, cookies: c.cookies };
  const query = rng.chance(0.85) ? 'EIO=4&transport=websocket' : rng.pick(['EIO=3&transport=websocket', 'transport=websocket', 'EIO=4&transport=websocket&sid=nope', 'EIO=4&transport=polling', 'EIO=99&transport=websocket', `EIO=4&transport=websocket&${percentEncode(randomString(rng).slice(0, 100))}`]);
  const headers: [string, string][] = [
    ['Host', `127.0.0.1:${c.port}`],
    ['Upgrade', rng.chance(0.95) ? 'websocket' : 'WebSocket2'],
    ['Connection', 'Upgrade'],
    ['Sec-WebSocket-Key', rng.chance(0.95) ? 'dGhlIHNhbXBsZSBub25jZQ==' : randomString(rng).replace(/[\r\n]/g, '')],
    ['Sec-WebSocket-Version', rng.chance(0.95) ? '13' : rng.pick(['8', '', 'x'])],
  ];
  for (const v of hostileHeader(rng, 'cookie', h, user.api.cookie)) headers.push(['Cookie', v.replace(/[\r\n]/g, '')]);
  for (const v of hostileHeader(rng, 'origin', h, undefined)) headers.push(['Origin', v.replace(/[\r\n]/g, '')]);
  const names = Object.keys(socketTemplates(c, rng));
  const frames: Buffer[] = [];
  if (rng.chance(0.85)) frames.push(wsFrame(Buffer.from('40')));
  for (let n = 1 + rng.int(10); n > 0; n--) {
    const r = rng.next();
    if (r < 0.75) frames.push(wsFrame(Buffer.from(socketIoPacket(rng, names, () => mutate(rng, socketTemplates(c, rng)[rng.pick(names) as 'session:watch'])))));
    else if (r < 0.85) frames.push(wsFrame(Buffer.from(Array.from({ length: rng.int(300) }, () => rng.int(256))), { opcode: 2 }));
    else frames.push(rng.pick([
      () => wsFrame(Buffer.from('42["x"]'), { mask: false }),
      () => wsFrame(Buffer.from('42["x"]'), { rsv: 1 + rng.int(7) }),
      () => wsFrame(Buffer.from('x'), { opcode: rng.pick([3, 7, 11, 15]) }),
      () => wsFrame(Buffer.from('42'), { fin: false }),
      () => wsFrame(Buffer.from('["x"]'), { opcode: 0 }),
      () => wsFrame(Buffer.alloc(200), { opcode: 9 }), // a ping longer than control frames may be
      () => wsFrame(Buffer.from([0xc3, 0x28, 0xa0, 0xa1])), // invalid UTF-8 in a text frame
      () => wsFrame(Buffer.from('42'), { lie: 2 ** 40 }),
      () => wsFrame(Buffer.from(`42["terminal:input",{"sessionId":"sabcdef","data":"${'x'.repeat(70_000)}"}]`)), // over maxHttpBufferSize
    ])());
  }
  const req = encodeRequest({ method: 'GET', path: `/socket.io/?${query}`, headers, contentLength: false });
  const { status } = await rawExchange(c.port, req, {
    timeoutMs: 15_000,
    upgraded: async (sock: NetSocket) => {
      for (const f of frames) if (!sock.destroyed) sock.write(f);
      await new Promise((r) => setTimeout(r, 30));
      if (!sock.destroyed) sock.write(wsFrame(Buffer.from([0x03, 0xe8]), { opcode: 8 }));
    },
  });
  if (typeof status === 'number' && status >= 500) fail('server5xx', `${status} to a WebSocket upgrade ${query} headers=${JSON.stringify(headers).slice(0, 400)}`);
  if (status === 'timeout') fail('hangs', `no answer in 15 s to a WebSocket upgrade ${query} headers=${JSON.stringify(headers).slice(0, 400)}`);
  return status === 101 ? frames.length : 1;
}

/** engine.io long-polling: a handshake with hostile headers, then POSTs of broken payloads. */
export async function pollingRun(rng: Rng, c: Ctx, { user }: Client, fail: Fail): Promise<number> {
  const h: HeaderContext = { origin: c.origin, cookies: c.cookies };
  const headers = (contentType?: string): [string, string][] => [
    ['Host', `127.0.0.1:${c.port}`],
    ['Connection', 'close'],
    ...hostileHeader(rng, 'cookie', h, user.api.cookie).map((v): [string, string] => ['Cookie', v.replace(/[\r\n]/g, '')]),
    ...hostileHeader(rng, 'origin', h, undefined).map((v): [string, string] => ['Origin', v.replace(/[\r\n]/g, '')]),
    ...hostileHeader(rng, 'content-type', h, contentType).map((v): [string, string] => ['Content-Type', v.replace(/[\r\n]/g, '')]),
  ];
  const check = (status: number | string, what: string) => {
    if (typeof status === 'number' && status >= 500) fail('server5xx', `${status} to polling ${what}`);
    if (status === 'timeout') fail('hangs', `no answer in 15 s to polling ${what}`);
  };
  const q = rng.chance(0.85) ? 'EIO=4&transport=polling' : rng.pick(['EIO=4&transport=polling&sid=bad', 'EIO=4&transport=polling&b64=1', 'EIO=3&transport=polling&j=0', 'EIO=4&transport=nope', 'transport=polling', `EIO=4&transport=polling&t=${percentEncode(randomString(rng).slice(0, 100))}`]);
  const hs = await rawExchange(c.port, encodeRequest({ method: 'GET', path: `/socket.io/?${q}`, headers: headers() }), { timeoutMs: 15_000, full: true });
  check(hs.status, `handshake ?${q}`);
  let messages = 1;
  const sid = /"sid":"([^"]+)"/.exec(hs.text)?.[1];
  if (!sid) return messages;
  const names = Object.keys(socketTemplates(c, rng));
  for (let n = 1 + rng.int(4); n > 0; n--) {
    const packets = Array.from({ length: 1 + rng.int(5) }, () => socketIoPacket(rng, names, () => randomValue(rng)));
    if (n > 1 && rng.chance(0.7)) packets.unshift('40');
    const binary = rng.chance(0.1);
    const body = binary ? Buffer.from(Array.from({ length: rng.int(500) }, () => rng.int(256))) : Buffer.from(rng.chance(0.1) ? mutateText(rng, packets.join('\x1e')) : packets.join('\x1e'));
    const target = rng.chance(0.9) ? sid : rng.pick(['', `${sid}x`, sid.toUpperCase(), '../../', randomString(rng).slice(0, 40)]);
    const p = `/socket.io/?EIO=4&transport=polling&sid=${percentEncode(target)}`;
    const req: RawRequest = { method: rng.chance(0.9) ? 'POST' : rng.pick(['PUT', 'DELETE', 'PATCH', 'OPTIONS']), path: p, headers: headers(binary ? 'application/octet-stream' : 'text/plain;charset=UTF-8'), body };
    const r = await rawExchange(c.port, encodeRequest(req), { timeoutMs: 15_000 });
    check(r.status, `${req.method} ${p} headers=${JSON.stringify(req.headers).slice(0, 600)} body=${JSON.stringify(body.toString('latin1').slice(0, 300))}`);
    messages += packets.length;
  }
  await rawExchange(c.port, encodeRequest({ method: 'POST', path: `/socket.io/?EIO=4&transport=polling&sid=${sid}`, headers: [['Host', `127.0.0.1:${c.port}`], ['Connection', 'close'], ['Cookie', user.api.cookie]], body: Buffer.from('1') }), { timeoutMs: 15_000 });
  return messages;
}

