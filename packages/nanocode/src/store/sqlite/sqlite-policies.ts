import type { Database } from 'better-sqlite3';
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

const CHANGE_COLUMNS =
  'tenant, version, digest, at, actor_key_id, actor_prefix, action, target, previous_digest';

/**
 * Policy versions in the `policy_versions` table. An update reads the current version and inserts the
 * next one in one immediate transaction, so concurrent writers (in any process) are serialised and the
 * loser sees `NC_STORE_CONFLICT`; the `(tenant, version)` key backs that up.
 */
export function createSqlitePolicies(options: { db: Database }): PolicyMethods {
  const { db } = options;
  const latest = db.prepare<[string], PolicyRow>(
    'SELECT * FROM policy_versions WHERE tenant = ? ORDER BY version DESC LIMIT 1',
  );
  const atVersion = db.prepare<[string, number], PolicyRow>(
    'SELECT * FROM policy_versions WHERE tenant = ? AND version = ?',
  );
  const insert = db.prepare<[PolicyRow]>(
    `INSERT INTO policy_versions (tenant, version, digest, documents, at, actor_key_id, actor_prefix, action, target, previous_digest)
     VALUES (@tenant, @version, @digest, @documents, @at, @actor_key_id, @actor_prefix, @action, @target, @previous_digest)`,
  );
  const changes = db.prepare<[string, number, number], PolicyChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM policy_versions WHERE tenant = ? AND version < ? ORDER BY version DESC LIMIT ?`,
  );
  const current = (tenant: string) => {
    const row = latest.get(tenant);
    return row === undefined ? emptyPolicy(tenant) : policyFromRow(row);
  };
  const update = db.transaction((options: Parameters<PolicyMethods['updatePolicy']>[0]) => {
    const row = planPolicyUpdate({ update: options, current: current(options.tenant) });
    insert.run(row);
    return updateResult(row);
  });

  return {
    async getPolicy({ tenant }) {
      return current(tenant);
    },
    async getPolicyVersion({ tenant, version }) {
      if (version === 0) return emptyPolicy(tenant);
      if (!Number.isSafeInteger(version)) return undefined;
      const row = atVersion.get(tenant, version);
      return row === undefined ? undefined : policyFromRow(row);
    },
    async updatePolicy(options) {
      return update.immediate(options);
    },
    async listPolicyChanges({ tenant, limit, before_version }) {
      const max = resolveListLimit({ limit });
      return changes.all(tenant, beforeVersion({ before_version }), max).map(changeFromRow);
    },
  };
}
