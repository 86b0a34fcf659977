import type { ApiRole } from '../spec/store.js';

/** Who is calling: the tenant and role of the API key (or the local principal when keys are off). */
export interface Principal {
  tenant: string;
  role: ApiRole;
  /** The API key's id; `local` for the keyless loopback principal. */
  key_id: string;
  /** The API key's display prefix (never the key); `local` for the keyless principal. */
  key_prefix: string;
}

/**
 * How the server authenticates: every request carries an API key, or (no keys configured) every request
 * is the local single-tenant admin. `none` is only allowed on a loopback address (`nanocode serve` checks).
 */
export type AuthMode = { keys: 'required' } | { keys: 'none'; tenant: 'default' };

/** The Hono environment of every route: the principal and request id set by the middleware. */
export interface ServerEnv {
  Variables: {
    principal: Principal;
    requestId: string;
  };
}
