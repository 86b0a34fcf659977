import { OpenAPIHono } from '@hono/zod-openapi';
import { requestId } from 'hono/request-id';
import { errorResponse } from './api-error.js';
import { createGovernedRoutes } from './governed/create-governed-routes.js';
import { handleError } from './handle-error.js';
import { authenticate } from './middleware/authenticate.js';
import type { ServerContext } from './server-context.js';
import type { AuthMode, ServerEnv } from './server-env.js';

/** Options of {@link createApp}. */
export interface CreateAppOptions {
  context: ServerContext;
  auth: AuthMode;
  /** Origins allowed to call the API from a browser; none when absent (no CORS headers at all). */
  corsOrigins?: string[];
  /** The largest request body accepted, in bytes. */
  bodyLimitBytes?: number;
}

/**
 * The HTTP app: the REST API under `/api`, the governed OpenAI-compatible endpoint under `/v1`, health
 * and metrics, every error in one JSON shape. Serve it with `@hono/node-server`, or call `app.request`.
 */
export function createApp(options: CreateAppOptions): OpenAPIHono<ServerEnv> {
  const { context } = options;
  const app = new OpenAPIHono<ServerEnv>();
  app.use('*', requestId());
  app.onError((error, c) => {
    const response = handleError(error, c);
    if (response.status >= 500)
      context.logger.error({ err: error, request_id: c.get('requestId') }, 'request failed');
    return response;
  });
  app.notFound((c) =>
    errorResponse(c, { code: 'NC_API_NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}` }),
  );
  const auth = authenticate({ store: context.store, auth: options.auth });
  app.use('/api/*', auth);
  app.use('/v1/*', auth);
  app.route('/', createGovernedRoutes({ context }));
  return app;
}
