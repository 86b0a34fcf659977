import { OpenAPIHono } from '@hono/zod-openapi';
import { errorResponse } from './api-error.js';
import type { ServerEnv } from './server-env.js';

/** One schema problem of a request, with where it is. */
export interface RequestIssue {
  /** `body`, `query`, `param`, `header` or `json`. */
  in: string;
  /** The path inside that part, e.g. `inputs.question`; empty for the part itself. */
  path: string;
  code: string;
  message: string;
}

/**
 * A route group: an OpenAPIHono whose schema failures answer `NC_API_BAD_REQUEST` with every issue and
 * its path (never a 500, whatever the body).
 */
export function createRouter(): OpenAPIHono<ServerEnv> {
  return new OpenAPIHono<ServerEnv>({
    defaultHook: (result, c) => {
      if (result.success) return;
      const issues: RequestIssue[] = result.error.issues.map((issue) => ({
        in: result.target,
        path: issue.path.map(String).join('.'),
        code: issue.code,
        message: issue.message,
      }));
      return errorResponse(c, {
        code: 'NC_API_BAD_REQUEST',
        message: `the request ${result.target} does not match its schema`,
        details: { issues },
      });
    },
  });
}
