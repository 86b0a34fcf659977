import type { NanocodeError } from '../spec/errors.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import { checkAdapters } from './check-adapters.js';
import { checkProviders } from './check-providers.js';
import { ConfigLoadError } from './config-load-error.js';
import { digestOf } from './digest-of.js';
import type { loadWorkflowDocument } from './load-workflow-document.js';
import type { resolveProfile } from './resolve-profile.js';
import { uniqueErrors } from './unique-errors.js';

/**
 * The last stage of loading, shared by files and TypeScript objects: cross-checks that need both the
 * workflow and the profile, then either every problem as one {@link ConfigLoadError} or the resolved
 * configuration with its digests.
 */
export function finishConfig(options: {
  loaded: ReturnType<typeof loadWorkflowDocument>;
  resolved: ReturnType<typeof resolveProfile>;
  errors: NanocodeError[];
  sources: string[];
}): ResolvedConfig {
  const errors = [...options.errors];
  const { workflow, origins } = options.loaded;
  const { profile } = options.resolved;
  if (workflow && profile && origins) errors.push(...checkAdapters({ workflow, profile, origins }));
  if (profile) errors.push(...checkProviders({ profile }));
  if (errors.length > 0 || !workflow || !profile) throw new ConfigLoadError({ errors: uniqueErrors(errors) });
  return {
    workflow,
    profile,
    digest: digestOf({ workflow, profile }),
    workflow_digest: digestOf(workflow),
    profile_digest: digestOf(profile),
    sources: options.sources,
  };
}
