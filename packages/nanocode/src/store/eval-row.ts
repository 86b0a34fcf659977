import { canonicalJson } from '../evidence/canonical-json.js';
import { NanocodeError } from '../spec/errors.js';
import type {
  EvalCaseRow,
  EvalRecord,
  EvalStart,
  EvalStatus,
  ListEvalCasesOptions,
  RunStore,
} from '../spec/store.js';
import { resolveListLimit } from './list-limit.js';
import { conflictError } from './store-errors.js';

/** The eval methods of a {@link RunStore}. */
export type EvalMethods = Pick<
  RunStore,
  'createEval' | 'appendEvalCases' | 'finishEval' | 'getEval' | 'listEvals' | 'listEvalCases'
>;

/** An `evals` row as SQL stores it. */
export interface EvalRow {
  eval_id: string;
  tenant: string;
  workflow: string;
  profile: string;
  dataset: string;
  started_at: string;
  repeat_count: number | string;
  concurrency: number | string;
  status: string;
  finished_at: string | null;
  summary: string | null;
  case_count: number | string;
}

/** `NC_STORE_UNKNOWN_EVAL` for a call that names an eval never created. */
export function unknownEvalError(options: { eval_id: string }): NanocodeError {
  return new NanocodeError({
    code: 'NC_STORE_UNKNOWN_EVAL',
    message: `eval ${options.eval_id} does not exist in the store`,
    details: { eval_id: options.eval_id },
  });
}

function inputError(message: string): NanocodeError {
  return new NanocodeError({ code: 'NC_STORE_INPUT', message });
}

/** The canonical JSON of an eval start, after checking its fields (`NC_STORE_INPUT`). */
export function evalStartJson(start: EvalStart): string {
  for (const key of ['eval_id', 'tenant', 'workflow', 'profile', 'dataset', 'started_at'] as const) {
    if (typeof start[key] !== 'string' || start[key] === '')
      throw inputError(`eval ${key} must be a non-empty string`);
  }
  for (const key of ['repeat', 'concurrency'] as const) {
    if (!Number.isSafeInteger(start[key]) || start[key] < 1)
      throw inputError(`eval ${key} must be a positive integer`);
  }
  const { eval_id, tenant, workflow, profile, dataset, started_at, repeat, concurrency } = start;
  return canonicalJson({ eval_id, tenant, workflow, profile, dataset, started_at, repeat, concurrency });
}

/** The start fields of a stored row, in the shape `createEval` takes. */
export function evalStartOfRow(row: EvalRow): EvalStart {
  return {
    eval_id: row.eval_id,
    tenant: row.tenant,
    workflow: row.workflow,
    profile: row.profile,
    dataset: row.dataset,
    started_at: row.started_at,
    repeat: Number(row.repeat_count),
    concurrency: Number(row.concurrency),
  };
}

/** The record a stored row holds. */
export function evalFromRow(row: EvalRow): EvalRecord {
  return {
    ...evalStartOfRow(row),
    status: row.status as EvalStatus,
    ...(row.finished_at === null ? {} : { finished_at: row.finished_at }),
    case_count: Number(row.case_count),
    ...(row.summary === null ? {} : { summary: JSON.parse(row.summary) as Record<string, unknown> }),
  };
}

/** A row to insert, with its stored body (canonical JSON of the whole row). */
export interface PlannedCase {
  row: EvalCaseRow;
  body: string;
}

/**
 * Decides which case rows of a batch are new, with the rules of event appends: a row stored
 * byte-identically is skipped, a different one at a stored seq is `NC_STORE_CONFLICT`, and a new one must
 * continue the sequence (`NC_STORE_SEQ`). A finished eval takes no rows (`NC_STORE_CONFLICT`).
 */
export function planEvalAppend(options: {
  eval_id: string;
  status: string;
  count: number;
  bodyAt: (seq: number) => string | undefined;
  cases: readonly EvalCaseRow[];
}): PlannedCase[] {
  const { eval_id, count } = options;
  const planned: PlannedCase[] = [];
  for (const row of options.cases) {
    const { seq } = row;
    if (!Number.isSafeInteger(seq) || seq < 0) {
      throw new NanocodeError({
        code: 'NC_STORE_SEQ',
        message: `eval ${eval_id}: case seq ${JSON.stringify(seq)} is not a non-negative integer`,
        details: { eval_id },
      });
    }
    const body = caseBody(row);
    if (seq < count) {
      if (options.bodyAt(seq) !== body) {
        throw new NanocodeError({
          code: 'NC_STORE_CONFLICT',
          message: `eval ${eval_id}: a different case row is already stored at seq ${seq}`,
          details: { eval_id, seq },
        });
      }
      continue;
    }
    const next = count + planned.length;
    if (seq !== next) {
      throw new NanocodeError({
        code: 'NC_STORE_SEQ',
        message: `eval ${eval_id}: case seq ${seq} does not continue the rows (expected ${next})`,
        details: { eval_id, seq, expected: next },
      });
    }
    planned.push({ row, body });
  }
  if (planned.length > 0 && options.status !== 'running') {
    throw new NanocodeError({
      code: 'NC_STORE_CONFLICT',
      message: `eval ${eval_id} is ${options.status}: it takes no more case rows`,
      details: { eval_id },
    });
  }
  return planned;
}

function caseBody(row: EvalCaseRow): string {
  if (typeof row.case_id !== 'string' || typeof row.run_id !== 'string' || typeof row.outcome !== 'string') {
    throw inputError('a case row needs case_id, run_id and outcome strings');
  }
  if (row.statuses === null || typeof row.statuses !== 'object' || Array.isArray(row.statuses)) {
    throw inputError('a case row needs a statuses object');
  }
  return canonicalJson(row);
}

/** The end of an eval as `finishEval` takes it. */
export interface EvalEnding {
  status: string;
  finished_at: string;
  summary?: Record<string, unknown>;
}

/** The end of an eval as stored. */
export interface StoredEvalEnd {
  status: string;
  finished_at: string;
  summary: string | null;
}

/** The end of an eval as stored, checked: `NC_STORE_INPUT` for a bad status or time. */
function evalEnd(options: EvalEnding): StoredEvalEnd {
  if (!['finished', 'cancelled', 'failed'].includes(options.status)) {
    throw inputError(`eval status ${JSON.stringify(options.status)} is not finished, cancelled or failed`);
  }
  if (typeof options.finished_at !== 'string' || Number.isNaN(Date.parse(options.finished_at))) {
    throw inputError('finished_at must be an ISO time');
  }
  return {
    status: options.status,
    finished_at: options.finished_at,
    summary: options.summary === undefined ? null : canonicalJson(options.summary),
  };
}

/**
 * Checks the end of an eval against what is stored: the checked end to store while the eval runs,
 * `undefined` when the same end is already stored (a repeated call), `NC_STORE_CONFLICT` when a different
 * one is; `NC_STORE_INPUT` for a bad status or time.
 */
export function planEvalEnd(options: {
  eval_id: string;
  stored: { status: string; finished_at?: string | null | undefined; summary?: string | null | undefined };
  ending: EvalEnding;
}): StoredEvalEnd | undefined {
  const { eval_id, stored } = options;
  const checked = evalEnd(options.ending);
  if (stored.status === 'running') return checked;
  const same =
    stored.status === checked.status &&
    (stored.finished_at ?? null) === checked.finished_at &&
    (stored.summary ?? null) === checked.summary;
  if (same) return undefined;
  throw conflictError({ what: `the end of eval ${eval_id}`, details: { eval_id } });
}

/** The checked paging of a case listing. */
export function casePaging(options: Pick<ListEvalCasesOptions, 'limit' | 'offset'>): {
  limit: number;
  offset: number;
} {
  const offset = options.offset ?? 0;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw inputError(`offset ${JSON.stringify(options.offset)} is not a non-negative integer`);
  }
  return { limit: resolveListLimit({ limit: options.limit }), offset };
}

/** True when a stored row passes the listing filters (the memory store; SQL stores filter in SQL). */
export function caseMatches(row: EvalCaseRow, options: ListEvalCasesOptions): boolean {
  if (options.outcome !== undefined && row.outcome !== options.outcome) return false;
  const wanted = options.constraint;
  return wanted === undefined || row.statuses[wanted.key] === wanted.status;
}
