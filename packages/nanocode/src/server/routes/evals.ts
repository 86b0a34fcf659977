import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { EvalCaseRow, EvalRecord } from '../../spec/store.js';
import { DEFAULT_LIST_LIMIT } from '../../store/index.js';
import { apiError } from '../api-error.js';
import { createRouter } from '../create-router.js';
import { AnyJson, AUTH_ERRORS, errorResponses, OutcomeSchema } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';
import { decodeListCursor, encodeListCursor } from './list-cursor.js';

const StatusSchema = z.enum(['enforced', 'waived', 'violated', 'unchecked', 'not_applicable']);

const EvalSchema = z
  .object({
    eval_id: z.string(),
    tenant: z.string(),
    workflow: z.string(),
    profile: z.string(),
    dataset: z.string(),
    started_at: z.string(),
    repeat: z.number().int(),
    concurrency: z.number().int(),
    status: z.enum(['running', 'finished', 'cancelled', 'failed']),
    finished_at: z.string().optional(),
    case_count: z.number().int().openapi({ description: 'case rows stored so far' }),
    summary: AnyJson.optional().openapi({
      description: 'the report of `nanocode eval --json`, once finished',
    }),
  })
  .openapi('Eval');

const EvalCaseSchema = z
  .object({
    seq: z.number().int(),
    case_id: z.string(),
    repeat: z.number().int(),
    run_id: z.string(),
    outcome: OutcomeSchema,
    passed: z.boolean(),
    expected_ok: z.boolean().optional(),
    statuses: z.record(z.string(), StatusSchema).openapi({ description: 'keyed `<step>/<constraint id>`' }),
    ladder: z.record(z.string(), z.number().int()).openapi({ description: 'ladder moves by strategy' }),
    tokens: z.number(),
    cost_usd: z.number().nullable(),
  })
  .openapi('EvalCase');

const EvalConstraintSchema = z
  .object({
    key: z.string().openapi({ description: '`<step>/<constraint id>`, as in the rows' }),
    step: z.string(),
    id: z.string(),
    pass_rate: z.number().nullable().optional(),
    statuses: z.record(z.string(), z.number().int()).optional(),
    strategies: z.record(z.string(), z.number().int()).optional(),
  })
  .openapi('EvalConstraint');

const list = createRoute({
  method: 'get',
  path: '/api/evals',
  tags: ['evals'],
  summary: "The tenant's evals (`nanocode eval` runs stored in this store), newest first (roles: all).",
  request: {
    query: z.object({
      workflow: z.string().max(128).optional(),
      limit: z.coerce.number().int().min(1).max(1000).optional(),
      before: z.iso.datetime({ offset: true }).optional(),
      cursor: z.string().optional().openapi({
        description: 'The `next_cursor` of the previous page: the evals after its last row',
      }),
    }),
  },
  responses: {
    200: {
      description: 'Evals',
      content: {
        'application/json': {
          schema: z.object({
            evals: z.array(EvalSchema),
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

const get = createRoute({
  method: 'get',
  path: '/api/evals/{id}',
  tags: ['evals'],
  summary:
    'One eval: its record and report, its constraints, and a page of its case rows in dataset order, filtered by outcome or by a constraint status (roles: all).',
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(200)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    query: z.object({
      limit: z.coerce.number().int().min(1).max(1000).default(50),
      offset: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(0),
      outcome: OutcomeSchema.optional(),
      constraint: z.string().min(1).max(300).optional().openapi({ description: '`<step>/<constraint id>`' }),
      constraint_status: StatusSchema.optional(),
    }),
  },
  responses: {
    200: {
      description: 'The eval and a page of its rows',
      content: {
        'application/json': {
          schema: z
            .object({
              eval: EvalSchema,
              constraints: z.array(EvalConstraintSchema),
              cases: z.array(EvalCaseSchema),
              total: z.number().int().openapi({ description: 'rows matching the filters' }),
              limit: z.number().int(),
              offset: z.number().int(),
            })
            .openapi('EvalDetail'),
        },
      },
    },
    ...errorResponses(400, 404, ...AUTH_ERRORS),
  },
});

/** The eval routes: list a tenant's evals, and read one with a page of its case matrix. */
export function createEvalRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { store } = options.context;
  const app = createRouter();

  app.openapi(list, async (c) => {
    const { workflow, limit = DEFAULT_LIST_LIMIT, before, cursor } = c.req.valid('query');
    const key = cursor === undefined ? undefined : decodeListCursor({ cursor, idName: 'eval_id' });
    const evals = await store.listEvals({
      tenant: c.get('principal').tenant,
      ...(workflow === undefined ? {} : { workflow }),
      limit,
      ...(before === undefined ? {} : { before }),
      ...(key === undefined ? {} : { after: { started_at: key.started_at, eval_id: key.id } }),
    });
    const last = evals.length === limit ? evals.at(-1) : undefined;
    const next_cursor =
      last === undefined
        ? undefined
        : encodeListCursor({ started_at: last.started_at, idName: 'eval_id', id: last.eval_id });
    return c.json({ evals, ...(next_cursor === undefined ? {} : { next_cursor }) } as never, 200);
  });

  app.openapi(get, async (c) => {
    const { id } = c.req.valid('param');
    const query = c.req.valid('query');
    const record = await store.getEval({ eval_id: id });
    // Another tenant's eval answers exactly like a missing one.
    if (record === undefined || record.tenant !== c.get('principal').tenant) {
      throw apiError({ code: 'NC_API_NOT_FOUND', message: `no eval ${id}` });
    }
    if ((query.constraint === undefined) !== (query.constraint_status === undefined)) {
      throw apiError({
        code: 'NC_API_BAD_REQUEST',
        message: 'constraint and constraint_status go together',
        details: {
          issues: [
            {
              in: 'query',
              path: query.constraint === undefined ? 'constraint' : 'constraint_status',
              code: 'missing',
              message: 'constraint and constraint_status go together',
            },
          ],
        },
      });
    }
    const page = await store.listEvalCases({
      eval_id: id,
      limit: query.limit,
      offset: query.offset,
      ...(query.outcome === undefined ? {} : { outcome: query.outcome }),
      ...(query.constraint === undefined || query.constraint_status === undefined
        ? {}
        : { constraint: { key: query.constraint, status: query.constraint_status } }),
    });
    return c.json(
      {
        eval: record,
        constraints: constraintsOf({ record, cases: page.cases }),
        cases: page.cases,
        total: page.total,
        limit: query.limit,
        offset: query.offset,
      } as never,
      200,
    );
  });
  return app;
}

/**
 * The eval's constraints: from its report (pass rates, statuses, ladder strategies) once finished; while
 * it runs, the keys the rows of this page show, so a matrix has its columns.
 */
function constraintsOf(options: { record: EvalRecord; cases: readonly EvalCaseRow[] }) {
  const reported = (options.record.summary as { constraints?: unknown } | undefined)?.constraints;
  if (Array.isArray(reported)) {
    return reported.map((entry) => {
      const { key: _key, ...rest } = entry as { key: string; step: string; id: string };
      return { key: `${rest.step}/${rest.id}`, ...rest };
    });
  }
  const keys = new Set(options.cases.flatMap((row) => Object.keys(row.statuses)));
  return [...keys].map((key) => {
    const slash = key.indexOf('/');
    return { key, step: key.slice(0, slash), id: key.slice(slash + 1) };
  });
}
