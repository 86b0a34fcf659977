import type { ProfileSource } from '../../config/resolve-profile.js';
import type { PolicyRef } from '../../spec/events.js';
import type { RunStore, TenantPolicy } from '../../spec/store.js';
import { policyCatalog } from './policy-catalog.js';
import { policyRefOf } from './policy-ref.js';

/** A tenant's policy in force: the stored version, its profiles as sources, and what runs record. */
export interface PolicyInForce {
  policy: TenantPolicy;
  /** The API-managed profiles, to overlay on the project's files. */
  overlay: ReadonlyMap<string, ProfileSource>;
  ref: PolicyRef;
}

/** Reads the policy in force for a tenant (fresh from the store on every call). */
export interface TenantPolicies {
  current(options: { tenant: string }): Promise<PolicyInForce>;
}

/**
 * Reads each tenant's current policy from the store on every call (another process may have changed it),
 * and parses its documents into profile sources once per digest: a bounded cache, so a run pays one
 * store read, not a parse.
 */
export function createTenantPolicies(options: { store: RunStore; maxEntries?: number }): TenantPolicies {
  const parsed = new Map<string, ReadonlyMap<string, ProfileSource>>();
  const max = options.maxEntries ?? 256;
  return {
    async current({ tenant }) {
      const policy = await options.store.getPolicy({ tenant });
      const key = `${tenant}\u0000${policy.digest}`;
      let overlay = parsed.get(key);
      if (overlay === undefined) {
        overlay = policyCatalog({ documents: policy.documents });
        if (parsed.size >= max) parsed.delete(parsed.keys().next().value as string);
        parsed.set(key, overlay);
      }
      return { policy, overlay, ref: policyRefOf(policy) };
    },
  };
}
