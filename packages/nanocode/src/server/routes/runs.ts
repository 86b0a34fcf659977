import { randomUUID } from 'node:crypto';
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { RunEvent } from '../../spec/events.js';
import type { RunListKey } from '../../spec/store.js';
import { DEFAULT_LIST_LIMIT } from '../../store/index.js';
import { apiError } from '../api-error.js';
import { createRouter } from '../create-router.js';
import type { IdempotencyCache, StoredResponse } from '../idempotency-cache.js';
import { requireRole } from '../middleware/require-role.js';
import type { RunRegistry } from '../run-registry.js';
import {
  AnyJson,
  AUTH_ERRORS,
  CertificateRefSchema,
  errorResponses,
  OutcomeSchema,
  RunSummarySchema,
} from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';
import { decodeListCursor, encodeListCursor } from './list-cursor.js';
import { type SseLimits, streamRunEvents } from './stream-run-events.js';

const RunIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

/** A constraint's final status, as a listing filter (`spec/outcome.ts`). */
const ConstraintStatusSchema = z.enum(['enforced', 'waived', 'violated', 'unchecked', 'not_applicable']);

const CreateRunBody = z
  .object({
    workflow: z.string().min(1).max(128).openapi({ example: 'support-answer' }),
    profile: z.string().min(1).max(128).optional(),
    inputs: z.record(z.string(), z.unknown()).default({}),
    mode: z.enum(['sync', 'async']).default('sync'),
  })
  .strict()
  .openapi('CreateRun');

const RunResultSchema = z
  .object({
    run_id: z.string(),
    workflow: z.string(),
    profile: z.string(),
    outcome: OutcomeSchema,
    output: AnyJson.optional(),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    certificate: CertificateRefSchema.nullable(),
  })
  .openapi('RunResult');

const RunAcceptedSchema = z
  .object({ run_id: z.string(), status: z.literal('running'), location: z.string(), events: z.string() })
  .openapi('RunAccepted');

const createRun = createRoute({
  method: 'post',
  path: '/api/runs',
  tags: ['runs'],
  summary: 'Run a workflow (roles: runner, admin). Sync answers 200 with the result; async answers 202.',
  middleware: [requireRole('runner', 'admin')] as const,
  request: {
    headers: z.object({ 'idempotency-key': z.string().min(1).max(200).optional() }),
    body: { required: true, content: { 'application/json': { schema: CreateRunBody } } },
  },
  responses: {
    200: {
      description: 'The finished, certified run',
      content: { 'application/json': { schema: RunResultSchema } },
    },
    202: {
      description: 'Accepted; follow Location, or its /events stream',
      headers: { Location: { schema: { type: 'string' } } },
      content: { 'application/json': { schema: RunAcceptedSchema } },
    },
    ...errorResponses(400, 404, 409, 413, ...AUTH_ERRORS),
  },
});

const listRuns = createRoute({
  method: 'get',
  path: '/api/runs',
  tags: ['runs'],
  summary: "List the tenant's runs, newest first (roles: all).",
  request: {
    query: z
      .object({
        workflow: z.string().max(128).optional(),
        outcome: z.union([OutcomeSchema, z.literal('running')]).optional(),
        limit: z.coerce.number().int().min(1).max(1000).optional(),
        before: z.iso.datetime({ offset: true }).optional(),
        cursor: z.string().optional().openapi({
          description: 'The `next_cursor` of the previous page: the runs after its last row',
        }),
        since: z.iso.datetime({ offset: true }).optional(),
        status: z.enum(['running', 'finished']).optional(),
        constraint: z.string().min(1).max(128).optional(),
        constraint_status: ConstraintStatusSchema.optional(),
        step: z.string().min(1).max(128).optional(),
      })
      .refine((q) => (q.constraint === undefined) === (q.constraint_status === undefined), {
        path: ['constraint_status'],
        message: 'constraint and constraint_status go together',
      })
      .refine((q) => q.step === undefined || q.constraint !== undefined, {
        path: ['step'],
        message: 'step narrows a constraint filter; give constraint and constraint_status too',
      }),
  },
  responses: {
    200: {
      description: 'Runs',
      content: {
        'application/json': {
          schema: z.object({
            runs: z.array(RunSummarySchema),
            next_cursor: z.string().optional().openapi({
              description: 'Present when the page is full: pass it as `cursor` for the next page',
            }),
          }),
        },
      },
    },
    ...errorResponses(400, ...AUTH_ERRORS),
  },
});

const getRun = createRoute({
  method: 'get',
  path: '/api/runs/{id}',
  tags: ['runs'],
  summary: 'One run: summary, header, events and where its certificate is (roles: all).',
  request: { params: RunIdParam },
  responses: {
    200: {
      description: 'The run',
      content: {
        'application/json': {
          schema: z
            .object({
              summary: RunSummarySchema,
              header: AnyJson.optional(),
              events: z.array(AnyJson),
              certificate: z.object({ log_index: z.number().int().nullable() }).nullable(),
            })
            .openapi('Run'),
        },
      },
    },
    ...errorResponses(404, ...AUTH_ERRORS),
  },
});

const cancelRun = createRoute({
  method: 'post',
  path: '/api/runs/{id}/cancel',
  tags: ['runs'],
  summary:
    'Cancel a run in progress; it ends `stopped` (NC_RUN_ABORTED) and is certified (roles: runner, admin).',
  middleware: [requireRole('runner', 'admin')] as const,
  request: { params: RunIdParam },
  responses: {
    200: {
      description: 'Cancelling, or already finished',
      content: {
        'application/json': {
          schema: z.object({
            run_id: z.string(),
            status: z.enum(['cancelling', 'finished']),
            outcome: OutcomeSchema.optional(),
          }),
        },
      },
    },
    ...errorResponses(404, ...AUTH_ERRORS),
  },
});

const runEvents = createRoute({
  method: 'get',
  path: '/api/runs/{id}/events',
  tags: ['runs'],
  summary: 'Server-sent events: the stored events, then live ones until run.completed (roles: all).',
  request: { params: RunIdParam },
  responses: {
    200: {
      description: 'An SSE stream; `event` is the event type, `id` its seq',
      content: { 'text/event-stream': { schema: z.string() } },
    },
    ...errorResponses(404, ...AUTH_ERRORS),
  },
});

/** The run routes: create (sync or async, idempotent), list, get, cancel, and live events over SSE. */
export function createRunRoutes(options: {
  context: ServerContext;
  runs: RunRegistry;
  idempotency: IdempotencyCache;
  sse: SseLimits;
}): OpenAPIHono<ServerEnv> {
  const { context, runs } = options;
  const app = createRouter();

  app.openapi(createRun, async (c) => {
    const body = c.req.valid('json');
    const { tenant } = c.get('principal');
    const key = c.req.valid('header')['idempotency-key'];
    const produce = () => startRun({ context, body, tenant, signal: c.req.raw.signal });
    const response =
      key === undefined ? await produce() : await options.idempotency.respond({ tenant, key, body, produce });
    if (response.location !== undefined) c.header('Location', response.location);
    return c.json(response.body as never, response.status);
  });

  app.openapi(listRuns, async (c) => {
    const query = c.req.valid('query');
    const { tenant } = c.get('principal');
    const limit = query.limit ?? DEFAULT_LIST_LIMIT;
    const key =
      query.cursor === undefined ? undefined : decodeListCursor({ cursor: query.cursor, idName: 'run_id' });
    const after = key === undefined ? undefined : { started_at: key.started_at, run_id: key.id };
    // Runs in progress have no outcome and no final constraint statuses yet.
    const wantsLive =
      (query.outcome === undefined || query.outcome === 'running') &&
      query.status !== 'finished' &&
      query.constraint === undefined;
    const live = wantsLive ? runs.list({ tenant }) : [];
    const stored =
      query.outcome === 'running' || query.status === 'running'
        ? []
        : await context.store.listRuns({
            tenant,
            ...(query.workflow === undefined ? {} : { workflow: query.workflow }),
            ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
            limit,
            ...(query.before === undefined ? {} : { before: query.before }),
            ...(after === undefined ? {} : { after }),
            ...(query.since === undefined ? {} : { since: query.since }),
            ...(query.status === undefined ? {} : { status: query.status }),
            ...(query.constraint === undefined || query.constraint_status === undefined
              ? {}
              : {
                  constraint: {
                    id: query.constraint,
                    status: query.constraint_status,
                    ...(query.step === undefined ? {} : { step: query.step }),
                  },
                }),
          });
    const storedIds = new Set(stored.map((run) => run.run_id));
    const filtered = live.filter(
      (run) =>
        !storedIds.has(run.run_id) &&
        (query.workflow === undefined || run.workflow === query.workflow) &&
        (query.before === undefined || run.started_at < query.before) &&
        (query.since === undefined || run.started_at >= query.since) &&
        (after === undefined || newestFirst(run, after) > 0),
    );
    // One order for both sources, the store's, so the last row's key is where the next page starts.
    const page = [...filtered, ...stored].sort(newestFirst).slice(0, limit);
    const last = page.length === limit ? page.at(-1) : undefined;
    const next_cursor =
      last === undefined
        ? undefined
        : encodeListCursor({ started_at: last.started_at, idName: 'run_id', id: last.run_id });
    return c.json({ runs: page, ...(next_cursor === undefined ? {} : { next_cursor }) }, 200);
  });

  app.openapi(getRun, async (c) => {
    const { id } = c.req.valid('param');
    const { tenant } = c.get('principal');
    const stored = await context.store.getRun({ run_id: id });
    if (stored !== undefined && stored.summary.tenant === tenant) {
      const certificate = stored.certificate === undefined ? null : { log_index: stored.log_index ?? null };
      return c.json(
        { summary: stored.summary, header: stored.header, events: stored.events, certificate },
        200,
      );
    }
    const live = runs.get({ run_id: id, tenant });
    if (live === undefined) throw notFound(id);
    const summary = runs.list({ tenant }).find((run) => run.run_id === id);
    return c.json({ summary, events: [...live.events], certificate: null } as never, 200);
  });

  app.openapi(cancelRun, async (c) => {
    const { id } = c.req.valid('param');
    const { tenant } = c.get('principal');
    const live = runs.get({ run_id: id, tenant });
    if (live !== undefined) {
      live.controller.abort(new Error('cancelled through the API'));
      return c.json({ run_id: id, status: 'cancelling' as const }, 200);
    }
    // A run a worker executes (the dbos executor), started through any server.
    const durable = await context.cancelRun?.({ run_id: id, tenant });
    if (durable !== undefined) return c.json(durable, 200);
    const stored = await context.store.getRun({ run_id: id });
    if (stored === undefined || stored.summary.tenant !== tenant) throw notFound(id);
    const outcome = stored.summary.outcome === 'running' ? undefined : stored.summary.outcome;
    return c.json({ run_id: id, status: 'finished' as const, ...(outcome ? { outcome } : {}) }, 200);
  });

  app.openapi(runEvents, async (c) => {
    const { id } = c.req.valid('param');
    const { tenant } = c.get('principal');
    const live = runs.get({ run_id: id, tenant });
    let stored: RunEvent[] | undefined;
    if (live === undefined) {
      const run = await context.store.getRun({ run_id: id });
      if (run === undefined || run.summary.tenant !== tenant) throw notFound(id);
      stored = run.events;
    }
    const lastEventId = Number(c.req.header('last-event-id') ?? -1);
    return streamRunEvents(c, {
      ...(live === undefined ? {} : { live }),
      ...(stored === undefined ? {} : { stored }),
      after: Number.isSafeInteger(lastEventId) ? lastEventId : -1,
      limits: options.sse,
    }) as never;
  });

  return app;
}

/** Listing order: `started_at` descending, then `run_id` descending, as the stores list (`RunListKey`). */
function newestFirst(a: RunListKey, b: RunListKey): number {
  const byStart = a.started_at < b.started_at ? 1 : a.started_at > b.started_at ? -1 : 0;
  return byStart !== 0 ? byStart : a.run_id < b.run_id ? 1 : a.run_id > b.run_id ? -1 : 0;
}

/** Another tenant's run answers exactly like a missing one: its existence is not revealed. */
function notFound(id: string) {
  return apiError({ code: 'NC_API_NOT_FOUND', message: `no run ${id}` });
}

async function startRun(options: {
  context: ServerContext;
  body: z.output<typeof CreateRunBody>;
  tenant: string;
  signal: AbortSignal;
}): Promise<StoredResponse> {
  const { context, body, tenant } = options;
  const { config, policy } = await context.loadWorkflow({
    name: body.workflow,
    tenant,
    ...(body.profile === undefined ? {} : { profile: body.profile }),
  });
  if (body.mode === 'async') {
    const run_id = randomUUID();
    const location = `/api/runs/${run_id}`;
    // Not tied to the request: an async run outlives it, and is cancelled through its own route.
    context.executeRun({ config, inputs: body.inputs, tenant, run_id, policy }).catch((error: unknown) => {
      context.logger.error({ err: error, run_id }, 'async run failed to store or certify');
    });
    return {
      status: 202,
      location,
      body: { run_id, status: 'running', location, events: `${location}/events` },
    };
  }
  // A sync run is the request: a client that goes away cancels it (it still ends certified, stopped).
  const { result, certificate } = await context.executeRun({
    config,
    inputs: body.inputs,
    tenant,
    signal: options.signal,
    policy,
  });
  return {
    status: 200,
    body: {
      run_id: result.run_id,
      workflow: config.workflow.name,
      profile: config.profile.name,
      outcome: result.outcome,
      ...(result.output === undefined ? {} : { output: result.output }),
      ...(result.error === undefined ? {} : { error: result.error }),
      certificate,
    },
  };
}
