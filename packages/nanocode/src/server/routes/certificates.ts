import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { readTrust } from '../../compose/read-trust.js';
import { EXPORT_FORMATS } from '../../evidence/exports/index.js';
import { createRouter } from '../create-router.js';
import { requireRole } from '../middleware/require-role.js';
import { certifiedRun, storedInclusion, verifyBundle } from '../run-evidence.js';
import { AnyJson, AUTH_ERRORS, errorResponses } from '../schemas.js';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

const BundleSchema = z
  .object({
    envelope: AnyJson,
    header: AnyJson,
    events: z.array(AnyJson),
    log_proof: z.string().optional().openapi({ description: 'A C2SP tlog-proof of the certificate' }),
  })
  .openapi('CertificateBundle');

const CONTENT_TYPES = {
  otlp: 'application/x-ndjson',
  junit: 'application/xml; charset=utf-8',
  sarif: 'application/sarif+json',
  html: 'text/html; charset=utf-8',
} as const;

const getCertificate = createRoute({
  method: 'get',
  path: '/api/runs/{id}/certificate',
  tags: ['certificates'],
  summary: 'A run certificate: the bundle (envelope, header, events, log proof) or an export (roles: all).',
  request: {
    params: z.object({ id: z.string().min(1).max(200) }),
    query: z.object({ format: z.enum(EXPORT_FORMATS).default('bundle') }),
  },
  responses: {
    200: {
      description: 'The bundle JSON, or the export in its own media type',
      content: {
        'application/json': { schema: BundleSchema },
        ...Object.fromEntries(Object.values(CONTENT_TYPES).map((type) => [type, { schema: z.string() }])),
      },
    },
    ...errorResponses(400, 404, ...AUTH_ERRORS),
  },
});

const verify = createRoute({
  method: 'post',
  path: '/api/certificates/verify',
  tags: ['certificates'],
  summary: "Verify a bundle offline against the server's trusted keys (roles: all).",
  middleware: [requireRole('auditor', 'runner', 'admin')] as const,
  request: { body: { required: true, content: { 'application/json': { schema: BundleSchema } } } },
  responses: {
    200: {
      description: 'The verification report; `ok` false names the first failed check',
      content: { 'application/json': { schema: AnyJson.openapi('VerifyReport') } },
    },
    ...errorResponses(400, 413, ...AUTH_ERRORS),
  },
});

/** The certificate routes: get a run's certificate in any export format, and verify a bundle. */
export function createCertificateRoutes(options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  const { context } = options;
  const app = createRouter();

  app.openapi(getCertificate, async (c) => {
    const { id } = c.req.valid('param');
    const { format } = c.req.valid('query');
    const run = await certifiedRun({ store: context.store, run_id: id, tenant: c.get('principal').tenant });
    if (format === 'bundle') {
      const inclusion = await storedInclusion({ store: context.store, run });
      const bundle = {
        envelope: run.certificate,
        header: run.header,
        events: run.events,
        ...(inclusion === undefined ? {} : { log_proof: inclusion.tlogProof }),
      };
      return c.json(bundle, 200);
    }
    const trust = await readTrust({ keyDir: context.keyDir });
    const inclusion = await storedInclusion({ store: context.store, run });
    const report = trust.found
      ? await verifyBundle({
          keyDir: context.keyDir,
          bundle: {
            envelope: run.certificate,
            header: run.header,
            events: run.events,
            log_proof: inclusion?.tlogProof,
          },
        })
      : undefined;
    const exports = await import('../../evidence/exports/index.js');
    const input = {
      header: run.header,
      events: run.events,
      ...(report === undefined ? {} : { verification: { ok: report.ok, message: report.message } }),
    };
    const render = {
      otlp: exports.toOtlpJsonLines,
      junit: exports.toJunitXml,
      sarif: exports.toSarif,
      html: exports.toHtmlReport,
    }[format];
    return c.body(render(input), 200, { 'Content-Type': CONTENT_TYPES[format] }) as never;
  });

  app.openapi(verify, async (c) => {
    const bundle = c.req.valid('json');
    const report = await verifyBundle({ keyDir: context.keyDir, bundle });
    return c.json(report as never, 200);
  });

  return app;
}
