import { resolveConfig } from '../config/index.js';
import type { ResolvedConfig } from '../spec/workflow.js';

/** Builds a resolved configuration from plain objects, through the same checks as files. */
export function testConfig(options: { workflow: unknown; profile?: unknown }): ResolvedConfig {
  const profile = (options.profile ?? { name: 'test' }) as Record<string, unknown>;
  return resolveConfig({
    workflow: options.workflow as Record<string, unknown>,
    profiles: [profile],
    profile: String(profile.name),
  });
}
