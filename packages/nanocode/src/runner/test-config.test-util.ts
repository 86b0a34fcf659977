import { digestJson } from '../evidence/index.js';
import { profileSchema, type ResolvedConfig, workflowSchema } from '../spec/workflow.js';

/** Builds a resolved configuration from plain objects, for runner tests (no files, no loader). */
export function testConfig(options: { workflow: unknown; profile?: unknown }): ResolvedConfig {
  const workflow = workflowSchema.parse(options.workflow);
  const profile = profileSchema.parse(options.profile ?? { name: 'test' });
  return {
    workflow,
    profile,
    digest: digestJson({ workflow, profile }),
    workflow_digest: digestJson(workflow),
    profile_digest: digestJson(profile),
    sources: [],
  };
}
