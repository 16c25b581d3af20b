import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/protocol/socket.ts';

/** A signed-in browser, as far as the server can tell: a cookie jar, JSON, the CSRF header. */
export class ApiUser {
  cookie = '';
  constructor(readonly base: string) {}

  async call<T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: T; text: string }> {
    const res = await fetch(this.base + path, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...(method !== 'GET' ? { 'x-batten-csrf': '1' } : {}), cookie: this.cookie, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
    });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0]!;
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body: parsed as T, text };
  }

  socket(): Socket<ServerToClientEvents, ClientToServerEvents> {
    return io(this.base, { transports: ['websocket'], extraHeaders: { cookie: this.cookie }, reconnection: false, forceNew: true });
  }
}

/** Resolves with the first event payload that satisfies `pred`. */
export function next<E extends keyof ServerToClientEvents>(s: Socket<ServerToClientEvents, ClientToServerEvents>, event: E, pred: (p: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true, timeoutMs = 20_000): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${String(event)} in ${timeoutMs} ms`)), timeoutMs);
    const handler = (p: never) => {
      if (!pred(p)) return;
      clearTimeout(timer);
      s.off(event, handler as never);
      resolve(p);
    };
    s.on(event, handler as never);
  });
}
