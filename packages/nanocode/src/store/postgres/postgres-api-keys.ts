import type { Pool } from 'pg';
import { canonicalJson } from '../../evidence/canonical-json.js';
import { type ApiKeyMethods, type ApiKeyRow, apiKeyFromRow, apiKeyToRow } from '../api-key-row.js';
import { conflictError } from '../store-errors.js';

/**
 * API keys in the `api_keys` table (hash unique, indexed by tenant). Storing a key again is a no-op; a
 * different record under the same id, or another id with the same hash, is `NC_STORE_CONFLICT`.
 */
export function createPostgresApiKeys(options: { pool: Pool }): ApiKeyMethods {
  const { pool } = options;
  return {
    async putApiKey({ key }) {
      const row = apiKeyToRow(key);
      const inserted = await pool.query(
        `INSERT INTO api_keys (id, tenant, role, hash, prefix, label, created_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [row.id, row.tenant, row.role, row.hash, row.prefix, row.label, row.created_at, row.revoked_at],
      );
      if (inserted.rowCount === 1) return;
      const { rows } = await pool.query<ApiKeyRow>(
        'SELECT * FROM api_keys WHERE id = $1 OR hash = $2 ORDER BY (id = $1) DESC LIMIT 1',
        [row.id, row.hash],
      );
      const existing = rows[0];
      if (existing && canonicalJson(apiKeyFromRow(existing)) === canonicalJson(apiKeyFromRow(row))) return;
      throw conflictError({ what: `api key ${row.id}`, details: { id: row.id } });
    },
    async findApiKey({ hash }) {
      const { rows } = await pool.query<ApiKeyRow>('SELECT * FROM api_keys WHERE hash = $1', [hash]);
      return rows[0] ? apiKeyFromRow(rows[0]) : undefined;
    },
    async listApiKeys({ tenant }) {
      const { rows } =
        tenant === undefined
          ? await pool.query<ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')
          : await pool.query<ApiKeyRow>('SELECT * FROM api_keys WHERE tenant = $1 ORDER BY created_at, id', [
              tenant,
            ]);
      return rows.map(apiKeyFromRow);
    },
    async revokeApiKey({ id, at }) {
      const result = await pool.query(
        'UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL',
        [at, id],
      );
      return result.rowCount === 1;
    },
  };
}
