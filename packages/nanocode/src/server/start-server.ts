import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import type { RunRegistry } from './run-registry.js';

/** A listening server. */
export interface StartedServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  port: number;
  /**
   * Stops accepting connections, aborts the runs in progress (each ends `stopped`, and is stored and
   * certified), waits for them up to `timeoutMs`, then closes the remaining connections (SSE streams).
   * Resolves false when some run did not finish in time.
   */
  close(options: { timeoutMs: number }): Promise<boolean>;
}

/** Serves `app` with `@hono/node-server` on `host:port` (port 0 picks a free one). */
export function startServer(options: {
  app: Hono<never> | { fetch: (request: Request) => Response | Promise<Response> };
  host: string;
  port: number;
  runs: RunRegistry;
}): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: options.app.fetch, hostname: options.host, port: options.port }, (info) => {
      server.off('error', reject);
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      resolve({
        url: `http://${host}:${info.port}`,
        port: info.port,
        close: ({ timeoutMs }) => closeServer({ server: server as Server, runs: options.runs, timeoutMs }),
      });
    });
    server.once('error', reject);
  });
}

async function closeServer(options: {
  server: Server;
  runs: RunRegistry;
  timeoutMs: number;
}): Promise<boolean> {
  const { server, runs } = options;
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  runs.abortAll({ reason: 'the server is shutting down' });
  const drained = await runs.drain({ timeoutMs: options.timeoutMs });
  server.closeIdleConnections();
  server.closeAllConnections();
  await closed;
  return drained;
}
