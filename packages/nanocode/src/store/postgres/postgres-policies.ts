import type { Pool, PoolClient } from 'pg';
import { resolveListLimit } from '../list-limit.js';
import {
  beforeVersion,
  changeFromRow,
  emptyPolicy,
  type PolicyChangeRow,
  type PolicyMethods,
  type PolicyRow,
  planPolicyUpdate,
  policyFromRow,
  updateResult,
} from '../policy-row.js';
import { conflictError } from '../store-errors.js';
import { inTransaction } from './pg-transaction.js';

const LATEST_SQL = 'SELECT * FROM policy_versions WHERE tenant = $1 ORDER BY version DESC LIMIT 1';

/**
 * Policy versions in `policy_versions`. An update takes a transaction-scoped advisory lock on the tenant,
 * reads the current version and inserts the next, so concurrent writers on any machine are serialised and
 * the loser sees `NC_STORE_CONFLICT`; the `(tenant, version)` key backs that up.
 */
export function createPostgresPolicies(options: { pool: Pool }): PolicyMethods {
  const { pool } = options;
  const current = async (client: Pool | PoolClient, tenant: string) => {
    const { rows } = await client.query<PolicyRow>(LATEST_SQL, [tenant]);
    return rows[0] === undefined ? emptyPolicy(tenant) : policyFromRow(rows[0]);
  };
  return {
    async getPolicy({ tenant }) {
      return current(pool, tenant);
    },
    async getPolicyVersion({ tenant, version }) {
      if (version === 0) return emptyPolicy(tenant);
      if (!Number.isSafeInteger(version)) return undefined;
      const { rows } = await pool.query<PolicyRow>(
        'SELECT * FROM policy_versions WHERE tenant = $1 AND version = $2',
        [tenant, version],
      );
      return rows[0] === undefined ? undefined : policyFromRow(rows[0]);
    },
    async updatePolicy(update) {
      return inTransaction({
        on: pool,
        use: async (client) => {
          await client.query("SELECT pg_advisory_xact_lock(hashtext('nanocode.policy'), hashtext($1))", [
            update.tenant,
          ]);
          const row = planPolicyUpdate({ update, current: await current(client, update.tenant) });
          const inserted = await client.query(
            `INSERT INTO policy_versions (tenant, version, digest, documents, at, actor_key_id, actor_prefix, action, target, previous_digest)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
            [
              row.tenant,
              row.version,
              row.digest,
              row.documents,
              row.at,
              row.actor_key_id,
              row.actor_prefix,
              row.action,
              row.target,
              row.previous_digest,
            ],
          );
          if (inserted.rowCount !== 1) {
            throw conflictError({
              what: `version ${row.version} of the policy of tenant ${row.tenant}`,
              details: { tenant: row.tenant, version: row.version },
            });
          }
          return updateResult(row);
        },
      });
    },
    async listPolicyChanges({ tenant, limit, before_version }) {
      const max = resolveListLimit({ limit });
      const { rows } = await pool.query<PolicyChangeRow>(
        `SELECT tenant, version, digest, at, actor_key_id, actor_prefix, action, target, previous_digest
         FROM policy_versions WHERE tenant = $1 AND version < $2 ORDER BY version DESC LIMIT $3`,
        [tenant, beforeVersion({ before_version }), max],
      );
      return rows.map(changeFromRow);
    },
  };
}
