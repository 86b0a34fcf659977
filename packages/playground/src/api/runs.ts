/**
 * The run listing of the public API (`GET /api/runs`, `server/routes/runs.ts`) and the values its
 * filters take. One run, starting one and cancelling one are in `run-document.ts`.
 */
import type { ConstraintStatus, RecoveryStrategy, RunOutcome } from '../model/events.js';
import { apiFetch, withQuery } from './client.js';
import type { RunSummary } from './types.js';

/** Every run outcome, in the server's order. */
export const RUN_OUTCOMES: readonly RunOutcome[] = [
  'certified',
  'certified_with_exceptions',
  'degraded',
  'stopped',
  'error',
];

/** Every constraint status, in the server's order. */
export const CONSTRAINT_STATUSES: readonly ConstraintStatus[] = [
  'enforced',
  'waived',
  'violated',
  'unchecked',
  'not_applicable',
];

/** Every recovery ladder strategy, in the ladder's order. */
export const RECOVERY_STRATEGIES: readonly RecoveryStrategy[] = [
  'retry',
  'repair',
  'fallback',
  'degrade',
  'stop',
];

/** The filters `GET /api/runs` takes. */
export interface RunsQuery {
  workflow?: string;
  outcome?: RunOutcome | 'running';
  status?: 'running' | 'finished';
  since?: string;
  before?: string;
  constraint?: string;
  constraint_status?: ConstraintStatus;
  step?: string;
  limit?: number;
  /** The `next_cursor` of the previous page: the runs after its last row. */
  cursor?: string;
}

/** A page of runs; `next_cursor` is there when the page is full, to ask for the next one. */
export interface RunsPage {
  runs: RunSummary[];
  next_cursor?: string;
}

/** Lists runs, newest first, one page at a time. */
export async function listRuns(options: { query: RunsQuery; signal?: AbortSignal }): Promise<RunsPage> {
  const path = withQuery('/api/runs', { ...options.query });
  return apiFetch<RunsPage>(path, { signal: options.signal });
}
