import type { ResolvedConfig } from '../spec/workflow.js';
import { digestOf } from './digest-of.js';

/**
 * The configuration with its profile's tenant replaced and its digests recomputed (in process and on
 * DBOS workers alike): the certificate's config digest must be the digest of what actually ran.
 */
export function configForTenant(options: { config: ResolvedConfig; tenant: string }): ResolvedConfig {
  const { config, tenant } = options;
  if (config.profile.tenant === tenant) return config;
  const profile = { ...config.profile, tenant };
  return {
    ...config,
    profile,
    digest: digestOf({ workflow: config.workflow, profile }),
    profile_digest: digestOf(profile),
  };
}
