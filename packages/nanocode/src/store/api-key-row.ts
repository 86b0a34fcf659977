import type { ApiKeyRecord, ApiRole, RunStore } from '../spec/store.js';

/** The API-key methods of a {@link RunStore}. */
export type ApiKeyMethods = Pick<RunStore, 'putApiKey' | 'findApiKey' | 'listApiKeys' | 'revokeApiKey'>;

/** An `api_keys` row as SQL stores it: absent optional fields are `null`. */
export interface ApiKeyRow {
  id: string;
  tenant: string;
  role: string;
  hash: string;
  prefix: string;
  label: string | null;
  created_at: string;
  revoked_at: string | null;
}

/** The row that stores `key`. */
export function apiKeyToRow(key: ApiKeyRecord): ApiKeyRow {
  return {
    id: key.id,
    tenant: key.tenant,
    role: key.role,
    hash: key.hash,
    prefix: key.prefix,
    label: key.label ?? null,
    created_at: key.created_at,
    revoked_at: key.revoked_at ?? null,
  };
}

/** The record a row holds, without the fields its columns leave `null`. */
export function apiKeyFromRow(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    tenant: row.tenant,
    role: row.role as ApiRole,
    hash: row.hash,
    prefix: row.prefix,
    ...(row.label === null ? {} : { label: row.label }),
    created_at: row.created_at,
    ...(row.revoked_at === null ? {} : { revoked_at: row.revoked_at }),
  };
}
