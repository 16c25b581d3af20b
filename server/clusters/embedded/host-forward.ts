import net from 'node:net';

/** A TCP listener on the host's loopback that forwards every connection to a Unix socket:
 * how kubectl on the host reaches an API server inside its cluster's network namespace.
 * The kernel picks the port, so two clusters never clash. */
export async function forwardTcpToUnix(socketPath: string): Promise<{ port: number; close(): Promise<void> }> {
  const conns = new Set<net.Socket>();
  const server = net.createServer((down) => {
    const up = net.connect(socketPath);
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
    server.listen(0, '127.0.0.1', resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of conns) c.destroy();
        server.close(() => resolve());
      }),
  };
}
