import type { MiddlewareHandler } from 'hono';
import type { ApiRole } from '../../spec/store.js';
import { apiError } from '../api-error.js';
import type { ServerEnv } from '../server-env.js';

/**
 * Allows the request only when the principal's role is one of `roles`, else `NC_API_FORBIDDEN`. Runs
 * after {@link authenticate}; list `admin` explicitly where admins may act.
 */
export function requireRole(...roles: ApiRole[]): MiddlewareHandler<ServerEnv> {
  return async (c, next) => {
    const principal = c.get('principal');
    if (!roles.includes(principal.role)) {
      throw apiError({
        code: 'NC_API_FORBIDDEN',
        message: `role ${principal.role} may not do this; allowed: ${roles.join(', ')}`,
      });
    }
    return next();
  };
}
