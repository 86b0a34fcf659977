import { resolveListLimit } from '../list-limit.js';
import {
  beforeVersion,
  changeFromRow,
  emptyPolicy,
  type PolicyMethods,
  type PolicyRow,
  planPolicyUpdate,
  policyFromRow,
  updateResult,
} from '../policy-row.js';

/**
 * Policy versions held in memory, one append-only list of rows per tenant (documents as canonical JSON,
 * as the SQL stores keep them). The list is only ever pushed to.
 */
export function createMemoryPolicies(): PolicyMethods {
  const tenants = new Map<string, PolicyRow[]>();
  const rowsOf = (tenant: string): readonly PolicyRow[] => tenants.get(tenant) ?? [];
  const current = (tenant: string) => {
    const last = rowsOf(tenant).at(-1);
    return last === undefined ? emptyPolicy(tenant) : policyFromRow(last);
  };
  return {
    async getPolicy({ tenant }) {
      return current(tenant);
    },
    async getPolicyVersion({ tenant, version }) {
      if (version === 0) return emptyPolicy(tenant);
      const row = rowsOf(tenant)[version - 1];
      return row === undefined ? undefined : policyFromRow(row);
    },
    async updatePolicy(update) {
      const row = planPolicyUpdate({ update, current: current(update.tenant) });
      tenants.set(update.tenant, [...rowsOf(update.tenant), row]);
      return updateResult(row);
    },
    async listPolicyChanges({ tenant, limit, before_version }) {
      const max = resolveListLimit({ limit });
      const before = beforeVersion({ before_version });
      return rowsOf(tenant)
        .filter((row) => row.version < before)
        .reverse()
        .slice(0, max)
        .map(changeFromRow);
    },
  };
}
