/**
 * The eval routes of the public API (`server/routes/evals.ts`): stored `nanocode eval` runs, each with
 * its report once finished and one row per case run. Constraint keys are `step/id` throughout.
 */
import type { ConstraintStatus, RecoveryStrategy, RunOutcome } from '../model/events.js';
import { apiFetch, withQuery } from './client.js';

/** Counts by key (statuses, strategies, outcomes); a missing key is 0. */
export type Counts<K extends string> = Partial<Record<K, number>>;

/** The report of a finished eval (`nanocode eval --json`), as far as the playground reads it. */
export interface EvalReport {
  cases: number;
  passed: number;
  failed: number;
  /** passed / cases; null with no case. */
  pass_rate: number | null;
  outcomes: Counts<RunOutcome>;
  expectations?: { checked: number; met: number; failed: number };
  /** Cases that needed each strategy at least once. */
  strategies: Counts<RecoveryStrategy>;
  tokens: number;
  /** Sum of the known costs (USD). */
  cost_usd: number;
  /** Cases whose cost is unknown (left out of `cost_usd`). */
  cost_unknown_cases?: number;
}

/** A stored eval: one row of `GET /api/evals`, and `eval` of `GET /api/evals/{id}`. */
export interface EvalRecord {
  eval_id: string;
  tenant: string;
  workflow: string;
  profile: string;
  dataset: string;
  started_at: string;
  /** Runs of each case. */
  repeat: number;
  concurrency: number;
  status: 'running' | 'finished' | 'cancelled' | 'failed';
  finished_at?: string;
  /** Case rows stored so far. */
  case_count: number;
  /** Set once the eval finished. */
  summary?: EvalReport;
}

/** One constraint of an eval: its figures from the report, or only its key while the eval runs. */
export interface EvalConstraint {
  /** `step/id`, as in the case rows. */
  key: string;
  step: string;
  id: string;
  /** enforced / cases where it applied; null when it never applied. */
  pass_rate?: number | null;
  statuses?: Counts<ConstraintStatus>;
  /** Ladder moves its failures triggered, by strategy. */
  strategies?: Counts<RecoveryStrategy>;
}

/** One case run of an eval: a row of its matrix. */
export interface EvalCaseRow {
  seq: number;
  case_id: string;
  /** 1-based repetition. */
  repeat: number;
  /** The stored run ('' when no run could be made). */
  run_id: string;
  outcome: RunOutcome;
  passed: boolean;
  /** Absent when the case had no expectation. */
  expected_ok?: boolean;
  /** Final constraint statuses keyed `step/id`. */
  statuses: Record<string, ConstraintStatus>;
  /** Ladder moves of the run, by strategy (only strategies used). */
  ladder: Counts<RecoveryStrategy>;
  tokens: number;
  cost_usd: number | null;
}

/** `GET /api/evals/{id}`: the eval, its constraints and one page of case rows. */
export interface EvalDetail {
  eval: EvalRecord;
  constraints: EvalConstraint[];
  cases: EvalCaseRow[];
  /** Rows matching the filters (all rows without filters). */
  total: number;
  limit: number;
  offset: number;
}

/** Filters of `GET /api/evals/{id}`, applied by the server over every row. */
export interface EvalCaseQuery {
  outcome?: RunOutcome;
  /** With `constraint_status`: rows where this constraint (`step/id`) ended so. */
  constraint?: string;
  constraint_status?: ConstraintStatus;
}

/** Lists stored evals, newest first; `workflow` narrows, `before` (a start time) pages to older ones. */
export async function listEvals(
  options: { workflow?: string; before?: string; limit?: number; signal?: AbortSignal } = {},
): Promise<EvalRecord[]> {
  const path = withQuery('/api/evals', {
    workflow: options.workflow,
    before: options.before,
    limit: options.limit,
  });
  return (await apiFetch<{ evals: EvalRecord[] }>(path, { signal: options.signal })).evals;
}

/** One eval with one page of its case rows, filtered by the server. */
export async function getEval(options: {
  id: string;
  limit?: number;
  offset?: number;
  query?: EvalCaseQuery;
  signal?: AbortSignal | undefined;
}): Promise<EvalDetail> {
  const path = withQuery(`/api/evals/${encodeURIComponent(options.id)}`, {
    limit: options.limit,
    offset: options.offset,
    ...options.query,
  });
  return apiFetch<EvalDetail>(path, { signal: options.signal });
}

/**
 * An eval with every case row, read page by page (at most `maxPages` pages of `pageSize`, the route's
 * maximum by default), for comparisons that match cases across two evals. `complete` is false when the
 * cap cut it short.
 */
export async function getEvalAllCases(options: {
  id: string;
  pageSize?: number;
  maxPages?: number;
  signal?: AbortSignal;
}): Promise<{ detail: EvalDetail; complete: boolean }> {
  const pageSize = options.pageSize ?? 1000;
  const maxPages = options.maxPages ?? 10;
  const first = await getEval({ id: options.id, limit: pageSize, offset: 0, signal: options.signal });
  const cases = [...first.cases];
  for (let page = 1; page < maxPages && cases.length < first.total; page += 1) {
    const next = await getEval({
      id: options.id,
      limit: pageSize,
      offset: cases.length,
      signal: options.signal,
    });
    if (next.cases.length === 0) break;
    cases.push(...next.cases);
  }
  return {
    detail: { ...first, cases, offset: 0, limit: cases.length },
    complete: cases.length >= first.total,
  };
}
