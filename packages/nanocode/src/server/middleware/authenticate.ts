import { createHash } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import type { RunStore } from '../../spec/store.js';
import { apiError } from '../api-error.js';
import type { AuthMode, Principal, ServerEnv } from '../server-env.js';

/** The id of the principal every request gets when no keys are configured. */
export const LOCAL_KEY_ID = 'local';

/** `sha256:<hex>` of an API key's text: how keys are stored and looked up (never the key itself). */
export function hashApiKey(options: { key: string }): string {
  return `sha256:${createHash('sha256').update(options.key, 'utf8').digest('hex')}`;
}

/**
 * Sets `c.var.principal`. With keys required, `Authorization: Bearer <key>` must name a stored key that
 * is not revoked, else `NC_API_UNAUTHENTICATED`; the key's tenant and role become the principal. With
 * keys off, every request is the local admin of the `default` tenant.
 */
export function authenticate(options: { store: RunStore; auth: AuthMode }): MiddlewareHandler<ServerEnv> {
  const { store, auth } = options;
  return async (c, next) => {
    if (auth.keys === 'none') {
      c.set('principal', {
        tenant: auth.tenant,
        role: 'admin',
        key_id: LOCAL_KEY_ID,
        key_prefix: LOCAL_KEY_ID,
      });
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(header);
    if (match?.[1] === undefined) {
      throw apiError({ code: 'NC_API_UNAUTHENTICATED', message: 'missing Authorization: Bearer <key>' });
    }
    const record = await store.findApiKey({ hash: hashApiKey({ key: match[1] }) });
    if (record === undefined || record.revoked_at !== undefined) {
      // One message for unknown and revoked keys: a caller learns nothing about which keys exist.
      throw apiError({ code: 'NC_API_UNAUTHENTICATED', message: 'unknown or revoked API key' });
    }
    const principal: Principal = {
      tenant: record.tenant,
      role: record.role,
      key_id: record.id,
      key_prefix: record.prefix,
    };
    c.set('principal', principal);
    return next();
  };
}
