import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TlsClient } from '../../server/kube/api-client.ts';
import { generatePki } from '../../server/clusters/pki.ts';

export interface FakeApiServer {
  tls: TlsClient;
  /** Every request's method and URL, in order. */
  requests: { method: string; url: string; accept: string }[];
  /** Bytes each response wrote before it finished or its client went away. */
  written: number[];
  close(): Promise<void>;
}

/** An HTTPS server on 127.0.0.1 with a throwaway CA, answering with `handler`: for unit
 * tests of the one HTTPS client (no Kubernetes involved). */
export async function fakeApiServer(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<FakeApiServer> {
  const pki = await generatePki('fake');
  const requests: FakeApiServer['requests'] = [];
  const written: number[] = [];
  const server = https.createServer({ cert: pki.apiServer.certPem, key: pki.apiServer.keyPem }, (req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', accept: String(req.headers.accept ?? '') });
    let n = 0;
    const write = res.write.bind(res) as (c: unknown, ...rest: unknown[]) => boolean;
    res.write = ((c: unknown, ...rest: unknown[]) => {
      n += typeof c === 'string' ? Buffer.byteLength(c) : (c as Buffer).length;
      return write(c, ...rest);
    }) as typeof res.write;
    res.on('close', () => written.push(n));
    handler(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    tls: { server: `https://127.0.0.1:${port}`, caPem: pki.ca.certPem },
    requests,
    written,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** Writes `total` bytes of filler in 64 KiB chunks, as fast as the client reads, and stops
 * when the client goes away. */
export function streamFiller(res: ServerResponse, total: number): void {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on('close', () => (sent = total));
  pump();
}
