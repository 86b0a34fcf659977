import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { RunStore } from '../../spec/store.js';
import { createRouter } from '../create-router.js';
import type { ServerMetrics } from '../metrics.js';
import { requireRole } from '../middleware/require-role.js';
import type { RunRegistry } from '../run-registry.js';
import { AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerEnv } from '../server-env.js';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['health'],
  summary: 'The process is up (no authentication).',
  responses: {
    200: {
      description: 'Up',
      content: { 'application/json': { schema: z.object({ status: z.literal('ok') }) } },
    },
  },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  tags: ['health'],
  summary: 'The store answers (no authentication).',
  responses: {
    200: {
      description: 'Ready',
      content: { 'application/json': { schema: z.object({ status: z.literal('ready') }) } },
    },
    503: {
      description: 'The store does not answer',
      content: { 'application/json': { schema: z.object({ status: z.literal('unavailable') }) } },
    },
  },
});

const metricsRoute = createRoute({
  method: 'get',
  path: '/metrics',
  tags: ['health'],
  summary: 'Prometheus metrics: runs by outcome, requests and latency (roles: admin, auditor).',
  middleware: [requireRole('admin', 'auditor')] as const,
  responses: {
    200: { description: 'Prometheus text format 0.0.4', content: { 'text/plain': { schema: z.string() } } },
    ...errorResponses(...AUTH_ERRORS),
  },
});

/**
 * Health and metrics. `/healthz` and `/readyz` are open (probes carry no keys); `/metrics` needs a key,
 * since run counts of every tenant are in it. The app mounts authentication on `/metrics`.
 */
export function createHealthRoutes(options: {
  store: RunStore;
  metrics: ServerMetrics;
  runs: RunRegistry;
}): OpenAPIHono<ServerEnv> {
  const app = createRouter();
  app.openapi(healthz, (c) => c.json({ status: 'ok' as const }, 200));
  app.openapi(readyz, async (c) => {
    try {
      await options.store.listRuns({ limit: 1 });
      return c.json({ status: 'ready' as const }, 200);
    } catch {
      return c.json({ status: 'unavailable' as const }, 503);
    }
  });
  app.openapi(
    metricsRoute,
    (c) =>
      c.body(options.metrics.render({ liveRuns: options.runs.size }), 200, {
        'Content-Type': 'text/plain; version=0.0.4; charset=utf-8',
      }) as never,
  );
  return app;
}
