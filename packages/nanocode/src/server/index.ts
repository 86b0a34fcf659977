/** Public surface of the HTTP server: build the app, its context, and serve it. */
export { API_ERROR_STATUS, type ApiErrorBody, type ApiErrorCode, apiError } from './api-error.js';
export {
  type CreateAppOptions,
  createApp,
  DEFAULT_BODY_LIMIT_BYTES,
  DOCS_PATH,
  OPENAPI_PATH,
} from './create-app.js';
export { type CreateServerContextOptions, createServerContext } from './create-server-context.js';
export { isLoopbackHost } from './is-loopback-host.js';
export { hashApiKey } from './middleware/authenticate.js';
export { DEFAULT_RATE_LIMIT, type RateLimitOptions } from './middleware/rate-limit.js';
export { requireRole } from './middleware/require-role.js';
export { DEFAULT_SSE_LIMITS, type SseLimits } from './routes/stream-run-events.js';
export { createRunRegistry, type LiveRun, type RunRegistry } from './run-registry.js';
export { findPlaygroundDir, PLAYGROUND_CSP } from './serve-playground.js';
export type { ServerContext, ServerExecuteRunOptions } from './server-context.js';
export type { AuthMode, Principal, ServerEnv } from './server-env.js';
export { type StartedServer, startServer } from './start-server.js';
