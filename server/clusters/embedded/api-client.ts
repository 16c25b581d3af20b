import https from 'node:https';

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

/** One HTTPS request to a Kubernetes API server (or etcd's JSON gateway) with a client
 * certificate. The only place in the embedded provider that speaks HTTP. */
export function apiRequest(
  client: TlsClient,
  method: string,
  path: string,
  body?: unknown,
  timeoutMs = 5000,
  extra: { headers?: Record<string, string | string[]>; contentType?: string } = {},
): Promise<ApiResponse> {
  const url = new URL(path, client.server);
  const payload = body === undefined ? undefined : Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
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
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, body: text, json: <T>() => JSON.parse(text) as T });
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url.href} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
