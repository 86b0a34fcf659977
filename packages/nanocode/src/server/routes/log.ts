import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { checkpointAt, openSigningLog } from '../../compose/signing-log.js';
// The same file `nanocode log prove-consistency` writes, so `nanocode log verify` checks either.
import { CONSISTENCY_PROOF_SPEC } from '../../evidence/consistency-proof-file.js';
import { apiError } from '../api-error.js';
import { createRouter } from '../create-router.js';
import { certifiedRun, storedInclusion } from '../run-evidence.js';
import { AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

const CheckpointSchema = z
  .object({ tenant: z.string(), size: z.number().int(), note: z.string() })
  .openapi('Checkpoint');

const checkpoint = createRoute({
  method: 'get',
  path: '/api/log/checkpoint',
  tags: ['log'],
  summary: "The signed checkpoint of the tenant's transparency log at its current size (roles: all).",
  responses: {
    200: { description: 'A C2SP signed note', content: { 'application/json': { schema: CheckpointSchema } } },
    ...errorResponses(...AUTH_ERRORS),
  },
});

const inclusion = createRoute({
  method: 'get',
  path: '/api/log/inclusion/{run_id}',
  tags: ['log'],
  summary: "Proof that a run's certificate is in the tenant's log (roles: all).",
  request: { params: z.object({ run_id: z.string().min(1).max(200) }) },
  responses: {
    200: {
      description: 'An inclusion proof against the latest checkpoint',
      content: {
        'application/json': {
          schema: z
            .object({
              run_id: z.string(),
              index: z.number().int(),
              proof: z.array(z.string()).openapi({ description: 'base64 hashes' }),
              checkpoint: z.string(),
              tlog_proof: z.string().openapi({ description: 'the same, as C2SP tlog-proof text' }),
            })
            .openapi('InclusionProof'),
        },
      },
    },
    ...errorResponses(404, ...AUTH_ERRORS),
  },
});

const consistency = createRoute({
  method: 'get',
  path: '/api/log/consistency',
  tags: ['log'],
  summary: 'Proof that the tree of `from` leaves is a prefix of the tree of `to` leaves (roles: all).',
  request: {
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }),
  },
  responses: {
    200: {
      description: 'Both signed checkpoints and the proof (the `nanocode log verify` file format)',
      content: {
        'application/json': {
          schema: z
            .object({ spec: z.string(), older: z.string(), newer: z.string(), proof: z.array(z.string()) })
            .openapi('ConsistencyProof'),
        },
      },
    },
    ...errorResponses(400, ...AUTH_ERRORS),
  },
});

/** The transparency log routes of the caller's tenant: checkpoint, inclusion and consistency proofs. */
export function createLogRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { store, keyDir } = options.context;
  const app = createRouter();

  app.openapi(checkpoint, async (c) => {
    const { tenant } = c.get('principal');
    const size = await store.leaves.size({ tenant });
    const note = await checkpointAt({ store, keyDir, tenant, size });
    return c.json({ tenant, size, note }, 200);
  });

  app.openapi(inclusion, async (c) => {
    const { run_id } = c.req.valid('param');
    const run = await certifiedRun({ store, run_id, tenant: c.get('principal').tenant });
    const proof = await storedInclusion({ store, run });
    if (proof === undefined) {
      throw apiError({
        code: 'NC_API_NOT_FOUND',
        message: `run ${run_id} is not covered by a checkpoint yet`,
      });
    }
    return c.json(
      {
        run_id,
        index: proof.index,
        proof: proof.proof.map((hash) => Buffer.from(hash).toString('base64')),
        checkpoint: proof.checkpoint,
        tlog_proof: proof.tlogProof,
      },
      200,
    );
  });

  app.openapi(consistency, async (c) => {
    const { from, to } = c.req.valid('query');
    const { tenant } = c.get('principal');
    const size = await store.leaves.size({ tenant });
    if (from > to || to > size) {
      throw apiError({
        code: 'NC_API_BAD_REQUEST',
        message: `need 1 <= from <= to <= ${size} (the tree size); got from=${from}, to=${to}`,
      });
    }
    const older = await checkpointAt({ store, keyDir, tenant, size: from });
    const newer = await checkpointAt({ store, keyDir, tenant, size: to });
    const { log } = await openSigningLog({ store, keyDir });
    const proof = await log.proveConsistency({ tenant, size1: from, size2: to });
    const base64 = proof.proof.map((hash) => Buffer.from(hash).toString('base64'));
    return c.json({ spec: CONSISTENCY_PROOF_SPEC, older, newer, proof: base64 }, 200);
  });

  return app;
}
