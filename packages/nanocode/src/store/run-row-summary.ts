import type { RunOutcome } from '../spec/outcome.js';
import type { RunSummary } from '../spec/store.js';

/** The columns of a `runs` row a summary is read from (the SQL stores' shared schema). */
export interface RunSummaryColumns {
  run_id: string;
  tenant: string;
  workflow: string;
  version: string;
  profile: string;
  outcome: string;
  started_at: string;
  finished_at: string | null;
}

/** The summary of a stored `runs` row that holds `event_count` events. */
export function runSummaryOfRow(options: { row: RunSummaryColumns; event_count: number }): RunSummary {
  const { row, event_count } = options;
  return {
    run_id: row.run_id,
    tenant: row.tenant,
    workflow: row.workflow,
    workflow_version: row.version,
    profile: row.profile,
    outcome: row.outcome as RunOutcome | 'running',
    started_at: row.started_at,
    ...(row.finished_at === null ? {} : { finished_at: row.finished_at }),
    event_count,
  };
}
