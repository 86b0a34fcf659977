import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { ServerMetrics } from '../metrics.js';
import type { ServerEnv } from '../server-env.js';

/**
 * Logs one JSON line per request (request id, method, route pattern, status, duration, and the caller's
 * tenant and key id once known) and records it in the metrics. Never logs bodies or headers: they may
 * carry keys and prompts.
 */
export function observeRequests(options: {
  logger: Logger;
  metrics: ServerMetrics;
  now: () => number;
}): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const started = options.now();
    await next();
    const seconds = (options.now() - started) / 1000;
    // The route pattern, not the raw path: label values stay bounded whatever clients send.
    const route = routePath(c, -1) || 'unmatched';
    options.metrics.observeRequest({ method: c.req.method, route, status: c.res.status, seconds });
    const principal = c.get('principal');
    options.logger.info(
      {
        request_id: c.get('requestId'),
        method: c.req.method,
        route,
        status: c.res.status,
        duration_ms: Math.round(seconds * 1000),
        ...(principal ? { tenant: principal.tenant, key_id: principal.key_id } : {}),
      },
      'request',
    );
  };
}
