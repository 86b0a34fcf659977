import { createServer, type Socket, connect as tcpConnect } from 'node:net';

/** A TCP relay in front of the test PostgreSQL server, which a test can cut as if the server went away. */
export interface PgProxy {
  /** `url` with its host and port replaced by the relay's. */
  url: string;
  /** Stops listening and drops every relayed connection: new connections are refused. */
  cut(): Promise<void>;
}

/** Starts a relay on a free loopback port to the host and port of `url`. */
export async function startPgProxy(options: { url: string }): Promise<PgProxy> {
  const target = new URL(options.url);
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = tcpConnect({ host: target.hostname, port: Number(target.port || 5432) });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('the relay has no port');
  const url = new URL(options.url);
  url.hostname = '127.0.0.1';
  url.port = String(address.port);
  return {
    url: url.toString(),
    cut: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
