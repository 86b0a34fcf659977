import { OpenAPIHono } from '@hono/zod-openapi';
import type { ServerContext } from '../server-context.js';
import type { ServerEnv } from '../server-env.js';

/**
 * The governed OpenAI-compatible endpoint (`POST /v1/chat/completions`). Placeholder so the app mounts
 * it; the real routes replace this file.
 */
export function createGovernedRoutes(_options: { context: ServerContext }): OpenAPIHono<ServerEnv> {
  return new OpenAPIHono<ServerEnv>();
}
