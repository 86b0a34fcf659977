import { relative } from 'node:path';
import type { Env } from '../../config/env-references.js';
import { DEFAULT_PROFILE, type ProfileSource, resolveProfile } from '../../config/resolve-profile.js';
import type { TenantPolicy } from '../../spec/store.js';
import type { Profile } from '../../spec/workflow.js';
import { type PolicyIssue, toPolicyIssues } from './check-policy.js';
import { loadProjectProfiles } from './project-profiles.js';
import type { TenantPolicies } from './tenant-policies.js';

/** Where an effective profile comes from. */
export type ProfileOrigin = 'api' | 'file' | 'builtin';

/** One profile as a tenant sees it: the API-managed document if there is one, else the file. */
export interface EffectiveProfile {
  name: string;
  source: ProfileOrigin;
  /** The profile file, relative to the project; null for API-managed and built-in profiles. */
  file: string | null;
  /** The document as written. */
  document: Record<string, unknown>;
  /** The resolved profile (`extends` merged, defaults filled); undefined when it does not resolve. */
  profile: Profile | undefined;
  errors: PolicyIssue[];
}

/** The profiles a tenant's runs may name, and the policy they are resolved under. */
export interface EffectiveProfiles {
  policy: TenantPolicy;
  names: string[];
  get(name: string): EffectiveProfile | undefined;
  /** The project's profile files (the base of the overlay). */
  files: ReadonlyMap<string, ProfileSource>;
}

/**
 * The tenant's effective profiles: the project's profile files with the tenant's API-managed profiles
 * overlaid by name, plus the built-in `default`. Each resolves exactly as a run would resolve it.
 */
export async function effectiveProfiles(options: {
  policies: TenantPolicies;
  tenant: string;
  projectDir: string;
  env: Env;
}): Promise<EffectiveProfiles> {
  const { projectDir, env } = options;
  const files = await loadProjectProfiles({ projectDir });
  const { policy, overlay } = await options.policies.current({ tenant: options.tenant });
  const catalog = new Map([...files, ...overlay]);
  const names = [...new Set([DEFAULT_PROFILE, ...catalog.keys()])].sort();
  return {
    policy,
    names,
    files,
    get(name) {
      if (!names.includes(name)) return undefined;
      const fromApi = policy.documents[name];
      const file = files.get(name);
      const resolved = resolveProfile({ name, catalog, env });
      const errors = toPolicyIssues({ errors: resolved.errors, profile: name, projectDir, overlay });
      return {
        name,
        source: fromApi !== undefined ? 'api' : file !== undefined ? 'file' : 'builtin',
        file: fromApi === undefined && file !== undefined ? relative(projectDir, file.document.file) : null,
        document: fromApi ??
          (file?.document.value as Record<string, unknown> | undefined) ?? { kind: 'profile', name },
        profile: resolved.profile,
        errors,
      };
    },
  };
}
