import type { RunHeader } from '../spec/events.js';
import type { ResolvedConfig } from '../spec/workflow.js';
import { FRAMEWORK_VERSION } from './version.js';

/**
 * The header a run of `config` under `run_id` chains its events to. A pure function of the two, so a
 * durable executor can create the stored run before the runner's first event.
 */
export function runHeader(options: { config: ResolvedConfig; run_id: string }): RunHeader {
  const { config, run_id } = options;
  return {
    spec: 'nanocode.run/v1',
    run_id,
    tenant: config.profile.tenant,
    workflow: {
      name: config.workflow.name,
      version: config.workflow.version,
      digest: config.workflow_digest,
    },
    profile: { name: config.profile.name, digest: config.profile_digest },
    config_digest: config.digest,
    framework: { name: 'nanocode', version: FRAMEWORK_VERSION },
  };
}
