/**
 * HTTP and WebSocket at the byte level, for hostile clients: any method, path, header value,
 * repeated header or framing lie goes out exactly as given (node's http client and fetch
 * would refuse or repair them).
 */
import { connect, type Socket } from 'node:net';

export type RawStatus = number | 'closed' | 'timeout';

export interface RawRequest {
  method: string;
  path: string;
  /** In order; a name given twice is sent twice. */
  headers: [string, string][];
  body?: Buffer;
  /** Content-Length is added unless a header sets it or Transfer-Encoding. */
  contentLength?: boolean;
  /** How the head is encoded: latin1 (one byte a character) or utf8. */
  encoding?: 'latin1' | 'utf8';
}

export function encodeRequest(r: RawRequest): Buffer {
  const body = r.body ?? Buffer.alloc(0);
  const headers = [...r.headers];
  const named = (n: string) => headers.some(([k]) => k.toLowerCase() === n);
  if (r.contentLength !== false && !named('content-length') && !named('transfer-encoding') && (body.length > 0 || r.method !== 'GET')) headers.push(['Content-Length', String(body.length)]);
  const head = `${r.method} ${r.path} HTTP/1.1\r\n${headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, r.encoding ?? 'latin1'), body]);
}

/**
 * Sends bytes on a fresh connection and reads the answer's status line (or, with `full`,
 * everything until the server closes). After a 101, `upgraded` gets the socket.
 */
export function rawExchange(
  port: number,
  bytes: Buffer,
  o: { timeoutMs: number; full?: boolean; localAddress?: string; upgraded?: (s: Socket) => Promise<void> },
): Promise<{ status: RawStatus; text: string }> {
  return new Promise((resolve) => {
    const sock = connect({ port, host: '127.0.0.1', localAddress: o.localAddress });
    let buf = Buffer.alloc(0);
    let status: RawStatus = 'closed';
    let done = false;
    const finish = (s: RawStatus) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      sock.destroy();
      resolve({ status: s, text: buf.toString('utf8') });
    };
    const timer = setTimeout(() => finish('timeout'), o.timeoutMs);
    sock.on('error', () => finish(status));
    sock.on('close', () => finish(status));
    sock.on('data', (d: Buffer) => {
      if (status !== 'closed') return void (o.full && (buf = Buffer.concat([buf, d])));
      buf = Buffer.concat([buf, d]);
      const eol = buf.indexOf('\r\n');
      if (eol < 0) return;
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(buf.subarray(0, eol).toString('latin1'));
      status = m ? Number(m[1]) : 'closed';
      if (status === 101 && o.upgraded) {
        sock.removeAllListeners('data');
        sock.resume(); // server frames are read and dropped
        o.upgraded(sock).then(
          () => finish(101),
          () => finish(101),
        );
      } else if (!o.full) finish(status);
    });
    sock.write(bytes);
  });
}

/** One client WebSocket frame. `lie` sends a wrong length; `mask: false` breaks the client rule. */
export function wsFrame(payload: Buffer, o: { opcode?: number; fin?: boolean; rsv?: number; mask?: boolean; lie?: number } = {}): Buffer {
  const len = o.lie ?? payload.length;
  const masked = o.mask ?? true;
  const first = ((o.fin ?? true) ? 0x80 : 0) | ((o.rsv ?? 0) << 4) | (o.opcode ?? 1);
  let head: Buffer;
  if (len < 126) head = Buffer.from([first, (masked ? 0x80 : 0) | len]);
  else if (len < 65536) {
    head = Buffer.from([first, (masked ? 0x80 : 0) | 126, 0, 0]);
    head.writeUInt16BE(len, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = first;
    head[1] = (masked ? 0x80 : 0) | 127;
    head.writeBigUInt64BE(BigInt(len), 2);
  }
  if (!masked) return Buffer.concat([head, payload]);
  const key = Buffer.from([0x12, 0x34, 0x56, 0x78]);
  return Buffer.concat([head, key, Buffer.from(payload.map((b, i) => b ^ key[i % 4]!))]);
}
