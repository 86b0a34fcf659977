import type { Pool } from 'pg';
import type { LogLeafStore } from '../../spec/store.js';
import { checkLeafRange } from '../store-errors.js';
import { inTransaction } from './pg-transaction.js';

const SIZE_SQL = 'SELECT COALESCE(MAX(idx) + 1, 0) AS size FROM log_leaves WHERE tenant = $1';

/**
 * The transparency log's leaves in `log_leaves` (BYTEA). An append takes a transaction-scoped advisory
 * lock on the tenant, so concurrent appenders, in any process, get distinct, gap-free indices.
 */
export function createPostgresLeafStore(options: { pool: Pool }): LogLeafStore {
  const { pool } = options;
  return {
    specificationVersion: 'v1',
    async append({ tenant, leafHash }) {
      return inTransaction({
        on: pool,
        use: async (client) => {
          await client.query("SELECT pg_advisory_xact_lock(hashtext('nanocode.leaves'), hashtext($1))", [
            tenant,
          ]);
          const { rows } = await client.query<{ size: string }>(SIZE_SQL, [tenant]);
          const index = Number(rows[0]?.size ?? 0);
          await client.query('INSERT INTO log_leaves (tenant, idx, leaf) VALUES ($1, $2, $3)', [
            tenant,
            index,
            Buffer.from(leafHash),
          ]);
          return index;
        },
      });
    },
    async get({ tenant, start, end }) {
      return inTransaction({
        on: pool,
        begin: 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY',
        use: async (client) => {
          const { rows } = await client.query<{ size: string }>(SIZE_SQL, [tenant]);
          checkLeafRange({ tenant, start, end, size: Number(rows[0]?.size ?? 0) });
          const leaves = await client.query<{ leaf: Buffer }>(
            'SELECT leaf FROM log_leaves WHERE tenant = $1 AND idx >= $2 AND idx < $3 ORDER BY idx',
            [tenant, start, end],
          );
          return leaves.rows.map((row) => new Uint8Array(row.leaf));
        },
      });
    },
    async size({ tenant }) {
      const { rows } = await pool.query<{ size: string }>(SIZE_SQL, [tenant]);
      return Number(rows[0]?.size ?? 0);
    },
  };
}
