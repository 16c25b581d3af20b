import https from 'node:https';
import tls from 'node:tls';
import { ClusterError } from '../clusters/errors.ts';

export interface TlsClient {
  server: string;
  /** Connect through this Unix socket instead of the server's host and port. */
  socketPath?: string;
  caPem: string;
  certPem?: string;
  keyPem?: string;
}

export interface ApiResponse {
  status: number;
  body: string;
  json<T = unknown>(): T;
}

export interface RequestOptions {
  headers?: Record<string, string | string[]>;
  contentType?: string;
  /** The most bytes of body to read; a larger response is a ResponseTooLarge. */
  maxBytes?: number;
  /** Only the status code is wanted: the response resolves at its headers with an empty
   * body, and the body is drained (up to maxBytes), never kept. */
  discardBody?: boolean;
}

/** What a response may hold unless the caller says otherwise: far above any one object
 * (etcd refuses values over 1.5 MiB), far below what a learner can fill a cluster with. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;

/** A response was larger than the caller's cap; the request was cut off at the cap. */
export class ResponseTooLarge extends ClusterError {
  constructor(
    readonly what: string,
    readonly maxBytes: number,
  ) {
    super(`${what}: the answer is larger than ${formatBytes(maxBytes)}, more than Batten reads`, 'delete the objects the exercise does not need');
  }
}

export function formatBytes(n: number): string {
  return n >= 1024 * 1024 && n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : n >= 1024 && n % 1024 === 0 ? `${n / 1024} KiB` : `${n} bytes`;
}

/** Connections open at once per cluster and identity; more requests wait for one. A
 * probe asking a dozen access reviews at once then reuses these instead of opening (and
 * soon closing) a dozen more. Watches do not count: they have their own connections. */
const MAX_CONNECTIONS = 6;

/** Connections kept open between requests: a TLS handshake with a client certificate costs
 * more CPU than most of the checker's requests. Node's agent pools connections by
 * destination and by every TLS option (CA, certificate, key), so two identities or two
 * clusters never share one. An idle connection closes after 15 s, well before the API
 * server's own idle timeout (90 s), so one that a stopped server left is not kept long. */
const KEEP_ALIVE = new https.Agent({ keepAlive: true, maxSockets: MAX_CONNECTIONS, maxFreeSockets: MAX_CONNECTIONS, timeout: 15_000, scheduling: 'lifo' });

/** Parsed CA, certificate and key per identity: parsing them is most of a new
 * connection's cost, and the checker opens several at once. The PEMs are also passed
 * beside it, because the agent tells identities apart by them. */
const contexts = new Map<string, tls.SecureContext>();
const MAX_CONTEXTS = 512;

function secureContext(client: TlsClient): tls.SecureContext {
  const key = `${client.caPem}\0${client.certPem ?? ''}\0${client.keyPem ?? ''}`;
  let ctx = contexts.get(key);
  if (!ctx) {
    ctx = tls.createSecureContext({ ca: client.caPem, cert: client.certPem, key: client.keyPem });
    if (contexts.size >= MAX_CONTEXTS) contexts.delete(contexts.keys().next().value!);
    contexts.set(key, ctx);
  }
  return ctx;
}

/** One HTTPS request to a Kubernetes API server (or etcd's JSON gateway) with a client
 * certificate. The only place in the embedded provider that speaks HTTP. It never holds
 * more than `maxBytes` of a response body. A request on a kept-open connection that the
 * server had closed (it restarted, or timed the connection out as we sent) is sent once
 * more on a new one: the server never read it. */
export async function apiRequest(client: TlsClient, method: string, path: string, body?: unknown, timeoutMs = 5000, extra: RequestOptions = {}): Promise<ApiResponse> {
  try {
    return await requestOnce(client, method, path, body, timeoutMs, extra, KEEP_ALIVE);
  } catch (e) {
    if (!(e instanceof StaleConnection)) throw e;
    return requestOnce(client, method, path, body, timeoutMs, extra, false);
  }
}

/** A kept-open connection failed before any response came. */
class StaleConnection extends Error {}

function requestOnce(client: TlsClient, method: string, path: string, body: unknown, timeoutMs: number, extra: RequestOptions, agent: https.Agent | false): Promise<ApiResponse> {
  const url = new URL(path, client.server);
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const maxBytes = extra.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  // tls.connect takes the parsed secureContext; @types/node's https options lack it.
  const options: https.RequestOptions & Pick<tls.ConnectionOptions, 'secureContext'> = {
    method,
    socketPath: client.socketPath,
    ca: client.caPem,
    cert: client.certPem,
    key: client.keyPem,
    secureContext: secureContext(client),
    agent,
    timeout: timeoutMs,
    headers: {
      accept: 'application/json',
      ...(payload ? { 'content-type': extra.contentType ?? 'application/json', 'content-length': payload.length } : {}),
      ...extra.headers,
    },
  };
  return new Promise((resolve, reject) => {
    let responded = false;
    const req = https.request(
      url,
      options,
      (res) => {
        responded = true;
        const status = res.statusCode ?? 0;
        let received = 0;
        let cut: ResponseTooLarge | undefined;
        const tooLarge = () => {
          cut = new ResponseTooLarge(`${method} ${url.pathname}`, maxBytes);
          req.destroy(cut);
        };
        if (extra.discardBody) {
          const discarded = () => {
            throw new ClusterError(`${method} ${url.pathname}: the body was discarded`, 'read the response without discardBody');
          };
          resolve({ status, body: '', json: discarded });
          res.on('data', (c: Buffer) => {
            received += c.length;
            if (received > maxBytes) req.destroy();
          });
          res.on('error', () => undefined);
          return;
        }
        if (Number(res.headers['content-length']) > maxBytes) return tooLarge();
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => {
          if (cut) return;
          received += c.length;
          if (received > maxBytes) {
            chunks.length = 0;
            return tooLarge();
          }
          chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status, body: text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', (e) => reject(cut ?? e));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href} timed out after ${timeoutMs} ms`)));
    req.on('error', (e: NodeJS.ErrnoException) => {
      const stale = req.reusedSocket && !responded && (e.code === 'ECONNRESET' || e.code === 'EPIPE');
      reject(stale ? new StaleConnection(e.message) : e);
    });
    req.end(payload);
  });
}
