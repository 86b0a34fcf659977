import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { FRAMEWORK_VERSION } from '../runner/version.js';
import { errorResponse } from './api-error.js';
import { createGovernedRoutes } from './governed/create-governed-routes.js';
import { openAiErrorShape } from './governed/openai-error-shape.js';
import { handleError } from './handle-error.js';
import { createIdempotencyCache } from './idempotency-cache.js';
import { createServerMetrics, type ServerMetrics } from './metrics.js';
import { authenticate } from './middleware/authenticate.js';
import { observeRequests } from './middleware/observe-requests.js';
import { DEFAULT_RATE_LIMIT, type RateLimitOptions, rateLimit } from './middleware/rate-limit.js';
import { type OpenApiLike, renderDocsPage } from './render-docs-page.js';
import { createAdapterRoutes } from './routes/adapters.js';
import { createCertificateRoutes } from './routes/certificates.js';
import { createEvalRoutes } from './routes/evals.js';
import { createHealthRoutes } from './routes/health.js';
import { createLogRoutes } from './routes/log.js';
import { createPolicyRoutes } from './routes/policy.js';
import { createProfileRoutes } from './routes/profiles.js';
import { createRunRoutes } from './routes/runs.js';
import { DEFAULT_SSE_LIMITS, type SseLimits } from './routes/stream-run-events.js';
import { createWorkflowRoutes } from './routes/workflows.js';
import { createRunRegistry, type RunRegistry } from './run-registry.js';
import { servePlayground } from './serve-playground.js';
import type { ServerContext } from './server-context.js';
import type { AuthMode, ServerEnv } from './server-env.js';
import { trackRuns } from './track-runs.js';

/** The default request body limit: 1 MB. */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Where the OpenAPI document and the docs page are served. */
export const OPENAPI_PATH = '/openapi.json';
export const DOCS_PATH = '/docs';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  context: ServerContext;
  auth: AuthMode;
  /** Origins allowed to call the API from a browser; none when absent (no CORS headers at all). */
  corsOrigins?: string[];
  /** The largest request body accepted, in bytes ({@link DEFAULT_BODY_LIMIT_BYTES} when absent). */
  bodyLimitBytes?: number;
  /** Per-key token buckets ({@link DEFAULT_RATE_LIMIT} with the system clock when absent). */
  rateLimit?: RateLimitOptions;
  /** Runs in progress; pass one to abort and drain them on shutdown (`nanocode serve` does). */
  runs?: RunRegistry;
  /** Heartbeat and duration bounds of SSE streams ({@link DEFAULT_SSE_LIMITS} when absent). */
  sse?: SseLimits;
  /** Counters for `/metrics`; pass one to read them from outside. */
  metrics?: ServerMetrics;
  /** The built playground (`findPlaygroundDir()`), served at `/`; no UI when absent. */
  playgroundDir?: string;
}

/**
 * The HTTP app: the REST API under `/api`, the governed OpenAI-compatible endpoint under `/v1`, health,
 * metrics, the OpenAPI 3.1 document and a docs page. Every error has one JSON shape with a stable code.
 * Serve it with `@hono/node-server`, or call `app.request` in tests.
 */
export function createApp(options: CreateAppOptions): OpenAPIHono<ServerEnv> {
  const runs = options.runs ?? createRunRegistry();
  const metrics = options.metrics ?? createServerMetrics();
  const base = options.context;
  const context = trackRuns({ context: base, runs, metrics, now: () => new Date() });
  const app = new OpenAPIHono<ServerEnv>();

  app.use('*', requestId());
  app.use('*', observeRequests({ logger: base.logger, metrics, now: () => performance.now() }));
  app.use('*', secureHeaders());
  if (options.corsOrigins !== undefined && options.corsOrigins.length > 0) {
    const allowed = new Set(options.corsOrigins);
    app.use(
      '*',
      cors({
        origin: (origin) => (allowed.has(origin) ? origin : null),
        allowHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'Last-Event-ID'],
        exposeHeaders: ['Location', 'Retry-After', 'X-Request-Id', 'X-Nanocode-Run-Id', 'X-Nanocode-Outcome'],
      }),
    );
  }
  // OpenAI clients read errors in OpenAI's shape, including those raised before the governed routes.
  app.use('/v1/*', openAiErrorShape());
  app.use(
    '*',
    bodyLimit({
      maxSize: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
      onError: (c) =>
        errorResponse(c, {
          code: 'NC_API_PAYLOAD_TOO_LARGE',
          message: `the request body is larger than ${options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES} bytes`,
        }),
    }),
  );
  app.onError((error, c) => {
    const response = handleError(error, c);
    if (response.status >= 500) {
      base.logger.error({ err: error, request_id: c.get('requestId') }, 'request failed');
    }
    return response;
  });
  app.notFound((c) =>
    errorResponse(c, { code: 'NC_API_NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` }),
  );

  const auth = authenticate({ store: base.store, auth: options.auth });
  const limit = rateLimit(options.rateLimit ?? { ...DEFAULT_RATE_LIMIT, now: () => Date.now() });
  for (const path of ['/api/*', '/v1/*', '/metrics']) {
    app.use(path, auth);
    app.use(path, limit);
  }

  app.route('/', createHealthRoutes({ store: base.store, metrics, runs }));
  app.route(
    '/',
    createRunRoutes({
      context,
      runs,
      idempotency: createIdempotencyCache({ maxEntries: 10_000 }),
      sse: options.sse ?? DEFAULT_SSE_LIMITS,
    }),
  );
  app.route('/', createCertificateRoutes({ context }));
  app.route('/', createWorkflowRoutes({ context }));
  app.route('/', createProfileRoutes({ context }));
  app.route('/', createPolicyRoutes({ context, now: () => new Date() }));
  app.route('/', createEvalRoutes({ context }));
  app.route('/', createAdapterRoutes({ context }));
  app.route('/', createLogRoutes({ context }));
  app.route('/', createGovernedRoutes({ context }));

  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'An API key: `Authorization: Bearer <key>`. Each key has one tenant and one role.',
  });
  const documentConfig = {
    openapi: '3.1.0',
    info: {
      title: 'Nanocode API',
      version: FRAMEWORK_VERSION,
      description:
        'Run workflows under declared constraints, read and verify their signed certificates, and prove their place in the transparency log.',
    },
    security: [{ apiKey: [] }],
  };
  app.doc31(OPENAPI_PATH, documentConfig);
  app.get(DOCS_PATH, (c) =>
    c.html(
      renderDocsPage({
        // The generator's type is looser than the fields the page reads.
        document: app.getOpenAPI31Document(documentConfig) as unknown as OpenApiLike,
        specPath: OPENAPI_PATH,
      }),
    ),
  );
  if (options.playgroundDir !== undefined) servePlayground({ app, dir: options.playgroundDir });
  return app;
}
