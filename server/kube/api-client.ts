import https from 'node:https';
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

/** One HTTPS request to a Kubernetes API server (or etcd's JSON gateway) with a client
 * certificate. The only place in the embedded provider that speaks HTTP. It never holds
 * more than `maxBytes` of a response body. */
export function apiRequest(client: TlsClient, method: string, path: string, body?: unknown, timeoutMs = 5000, extra: RequestOptions = {}): Promise<ApiResponse> {
  const url = new URL(path, client.server);
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
  const maxBytes = extra.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      {
        method,
        socketPath: client.socketPath,
        ca: client.caPem,
        cert: client.certPem,
        key: client.keyPem,
        agent: false,
        timeout: timeoutMs,
        headers: {
          accept: 'application/json',
          ...(payload ? { 'content-type': extra.contentType ?? 'application/json', 'content-length': payload.length } : {}),
          ...extra.headers,
        },
      },
      (res) => {
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
    req.on('error', (e) => reject(e));
    req.end(payload);
  });
}
