import { rm } from 'node:fs/promises';
import net from 'node:net';
import { ClusterError } from '../clusters/errors.ts';

export interface Forward {
  close(): Promise<void>;
}

/** Listens where `listen` says and pipes every connection to a new connection made by
 * `connect`; closing it ends every connection it carries. */
async function forward(listen: (server: net.Server, done: () => void) => void, connect: () => net.Socket): Promise<{ server: net.Server; close(): Promise<void> }> {
  const conns = new Set<net.Socket>();
  const server = net.createServer((down) => {
    const up = connect();
    conns.add(down).add(up);
    const end = () => {
      down.destroy();
      up.destroy();
      conns.delete(down);
      conns.delete(up);
    };
    down.on('error', end).on('close', end);
    up.on('error', end).on('close', end);
    down.pipe(up).pipe(down);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    listen(server, resolve);
  });
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        server.close(() => resolve());
      }),
  };
}

/** A TCP listener on the host's loopback that forwards every connection to a Unix socket:
 * how kubectl on the host reaches an API server inside its cluster's network namespace.
 * The kernel picks the port, so two clusters never clash. */
export async function forwardTcpToUnix(socketPath: string): Promise<Forward & { port: number }> {
  const f = await forward((s, done) => s.listen(0, '127.0.0.1', done), () => net.connect(socketPath));
  return { port: (f.server.address() as net.AddressInfo).port, close: f.close };
}

/** A Unix socket (mode 0600) that forwards every connection to a TCP port on the host's
 * loopback: how a learner's shell, which has no network of its own, reaches an API server
 * that listens on a host port. */
export async function forwardUnixToTcp(socketPath: string, port: number): Promise<Forward> {
  // the kernel cuts longer paths short without an error (api.sock became api.so)
  if (Buffer.byteLength(socketPath) > 107) throw new ClusterError(`the socket path ${socketPath} is longer than 107 bytes`, 'use a shorter BATTEN_DATA_DIR');
  await rm(socketPath, { force: true });
  const f = await forward((s, done) => s.listen({ path: socketPath, readableAll: false, writableAll: false }, done), () => net.connect(port, '127.0.0.1'));
  return {
    close: async () => {
      await f.close();
      await rm(socketPath, { force: true });
    },
  };
}
