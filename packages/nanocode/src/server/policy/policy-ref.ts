import type { PolicyRef } from '../../spec/events.js';
import type { TenantPolicy } from '../../spec/store.js';

/**
 * What a run records about the policy it resolved its profile under: the API-managed version and digest
 * once the tenant has one, else `files` (version 0: no API-managed policy, only the project's files).
 */
export function policyRefOf(policy: Pick<TenantPolicy, 'version' | 'digest'>): PolicyRef {
  return policy.version === 0
    ? { source: 'files' }
    : { source: 'api', version: policy.version, digest: policy.digest };
}
