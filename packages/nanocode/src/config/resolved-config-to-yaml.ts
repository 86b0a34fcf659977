import { stringify } from 'yaml';
import type { ResolvedConfig } from '../spec/workflow.js';

/**
 * The resolved configuration as YAML, for `nanocode config show --resolved`: exactly what will run,
 * every default included, with its digests. Provider secrets show as their `${NAME}` references.
 */
export function resolvedConfigToYaml(config: ResolvedConfig): string {
  const body = stringify(
    {
      digest: config.digest,
      workflow_digest: config.workflow_digest,
      profile_digest: config.profile_digest,
      workflow: config.workflow,
      profile: config.profile,
    },
    { lineWidth: 0 },
  );
  const sources = config.sources.map((source) => `#   ${source}`).join('\n');
  return `# Resolved nanocode configuration. Sources:\n${sources}\n${body}`;
}
