import type { RunHeader } from '../spec/events.js';

/** The listing columns a run header determines. */
export interface HeaderFields {
  tenant: string;
  workflow: string;
  workflow_version: string;
  profile: string;
}

/** The summary fields that come from a run's header (the rest come from its events). */
export function headerFields(header: RunHeader): HeaderFields {
  return {
    tenant: header.tenant,
    workflow: header.workflow.name,
    workflow_version: header.workflow.version,
    profile: header.profile.name,
  };
}
