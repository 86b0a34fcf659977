import type { Database } from 'better-sqlite3';
import { canonicalJson } from '../../evidence/canonical-json.js';
import { type ApiKeyMethods, type ApiKeyRow, apiKeyFromRow, apiKeyToRow } from '../api-key-row.js';
import { conflictError } from '../store-errors.js';

/**
 * API keys in the `api_keys` table (hash unique, indexed by tenant). Storing a key again is a no-op; a
 * different record under the same id, or another id with the same hash, is `NC_STORE_CONFLICT`.
 */
export function createSqliteApiKeys(options: { db: Database }): ApiKeyMethods {
  const { db } = options;
  const byId = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE id = ?');
  const byHash = db.prepare<[string], ApiKeyRow>('SELECT * FROM api_keys WHERE hash = ?');
  const all = db.prepare<[], ApiKeyRow>('SELECT * FROM api_keys ORDER BY created_at, id');
  const ofTenant = db.prepare<[string], ApiKeyRow>(
    'SELECT * FROM api_keys WHERE tenant = ? ORDER BY created_at, id',
  );
  const insert = db.prepare<[ApiKeyRow]>(
    `INSERT INTO api_keys (id, tenant, role, hash, prefix, label, created_at, revoked_at)
     VALUES (@id, @tenant, @role, @hash, @prefix, @label, @created_at, @revoked_at)`,
  );
  const revoke = db.prepare<[string, string]>(
    'UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
  );
  const put = db.transaction((row: ApiKeyRow) => {
    const existing = byId.get(row.id) ?? byHash.get(row.hash);
    if (existing) {
      if (canonicalJson(existing) === canonicalJson(row)) return;
      throw conflictError({ what: `api key ${row.id}`, details: { id: row.id } });
    }
    insert.run(row);
  });

  return {
    async putApiKey({ key }) {
      put.immediate(apiKeyToRow(key));
    },
    async findApiKey({ hash }) {
      const row = byHash.get(hash);
      return row ? apiKeyFromRow(row) : undefined;
    },
    async listApiKeys({ tenant }) {
      return (tenant === undefined ? all.all() : ofTenant.all(tenant)).map(apiKeyFromRow);
    },
    async revokeApiKey({ id, at }) {
      return revoke.run(at, id).changes > 0;
    },
  };
}
